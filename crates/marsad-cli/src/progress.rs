//! Progress of long commands: a live line on a terminal, plain log lines
//! every few seconds otherwise. Figures shown are the committed ones only.

use std::io::IsTerminal;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use marsad_engine::Counters;

/// How often the live line is redrawn.
const TERMINAL_REFRESH: Duration = Duration::from_millis(200);

/// How often a log line is written when stderr is not a terminal.
const LOG_EVERY: Duration = Duration::from_secs(10);

/// The running reporter.
pub struct Progress {
    bar: Option<ProgressBar>,
    started: Instant,
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Start reporting `counters` under the label `what` (`ingest`);
    /// `log_every` overrides the interval of log lines.
    pub fn start(
        what: &'static str,
        counters: Arc<Counters>,
        log_every: Option<Duration>,
    ) -> Progress {
        Self::start_with(what, move |elapsed| counters.line(elapsed), log_every)
    }

    /// Start reporting the line that `line` makes from the time elapsed.
    pub fn start_with(
        what: &'static str,
        line: impl Fn(Duration) -> String + Send + 'static,
        log_every: Option<Duration>,
    ) -> Progress {
        let started = Instant::now();
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}") {
                bar.set_style(style);
            }
            bar.enable_steady_tick(TERMINAL_REFRESH);
            bar
        });
        let every = if bar.is_some() {
            TERMINAL_REFRESH
        } else {
            log_every.unwrap_or(LOG_EVERY)
        };
        let thread = {
            let bar = bar.clone();
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || loop {
                let (lock, cvar) = &*stop;
                let Ok(guard) = lock.lock() else { return };
                let Ok((guard, _)) = cvar.wait_timeout_while(guard, every, |stopped| !*stopped)
                else {
                    return;
                };
                if *guard {
                    return;
                }
                let line = line(started.elapsed());
                match &bar {
                    Some(bar) => bar.set_message(line),
                    None => eprintln!("marsad: {what}: {line}"),
                }
            })
        };
        Progress {
            bar,
            started,
            stop,
            thread: Some(thread),
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// A notice callback for the engine: `marsad: MESSAGE` above the live line.
    pub fn notifier(&self) -> marsad_engine::Notice {
        let bar = self.bar.clone();
        std::sync::Arc::new(move |msg: &str| match &bar {
            Some(bar) => bar.suspend(|| eprintln!("marsad: {msg}")),
            None => eprintln!("marsad: {msg}"),
        })
    }

    /// Stop the live line and the log thread.
    pub fn finish(mut self) {
        self.stop_thread();
    }

    fn stop_thread(&mut self) {
        {
            let (lock, cvar) = &*self.stop;
            if let Ok(mut stopped) = lock.lock() {
                *stopped = true;
            }
            cvar.notify_all();
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop_thread();
    }
}
