//! One bad page never stops a batch: each page is extracted on a worker
//! thread of its own batch pool, a panic becomes an error naming the page,
//! and a page still running after the time limit is given up (its thread is
//! left to finish on its own and a new worker takes its place).
//!
//! For tests, `MARSAD_FAULT=panic=MARKER` or `hang=MARKER` (several,
//! comma-separated) makes the extraction of any page whose content holds
//! MARKER panic or hang; unset, it costs one check per process.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Why a job gave no result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobFailure {
    #[error("extraction panicked: {0}")]
    Panicked(String),
    #[error("extraction ran past the time limit of {} s", .0.as_secs_f64())]
    TimedOut(Duration),
}

type Job<R> = Box<dyn FnOnce() -> R + Send>;

struct Slot {
    started: Option<Instant>,
    abandoned: Arc<AtomicBool>,
}

struct Shared<R> {
    queue: Mutex<VecDeque<(usize, Job<R>)>>,
    slots: Mutex<Vec<Slot>>,
}

/// Runs jobs on `workers` threads with a per-job time limit.
#[derive(Debug, Clone, Copy)]
pub struct Guard {
    pub workers: usize,
    pub limit: Duration,
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

fn spawn_worker<R: Send + 'static>(
    shared: Arc<Shared<R>>,
    results: Sender<(usize, Result<R, JobFailure>)>,
) {
    let spawned = std::thread::Builder::new()
        .name("marsad-extract".into())
        .spawn(move || loop {
            let next = shared.queue.lock().ok().and_then(|mut q| q.pop_front());
            let Some((index, job)) = next else { return };
            let abandoned = match shared.slots.lock() {
                Ok(mut slots) => {
                    slots[index].started = Some(Instant::now());
                    Arc::clone(&slots[index].abandoned)
                }
                Err(_) => return,
            };
            let result = catch_unwind(AssertUnwindSafe(job))
                .map_err(|p| JobFailure::Panicked(panic_message(p.as_ref())));
            if abandoned.load(Ordering::SeqCst) {
                // Given up on while it ran: a replacement took this worker's place.
                return;
            }
            if results.send((index, result)).is_err() {
                return;
            }
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start an extraction worker: {e}");
    }
}

impl Guard {
    /// Run every job; results in job order.
    pub fn run<R: Send + 'static>(&self, jobs: Vec<Job<R>>) -> Vec<Result<R, JobFailure>> {
        let n = jobs.len();
        if n == 0 {
            return Vec::new();
        }
        let shared = Arc::new(Shared {
            queue: Mutex::new(jobs.into_iter().enumerate().collect()),
            slots: Mutex::new(
                (0..n)
                    .map(|_| Slot {
                        started: None,
                        abandoned: Arc::new(AtomicBool::new(false)),
                    })
                    .collect(),
            ),
        });
        let (tx, rx) = channel();
        for _ in 0..self.workers.clamp(1, n) {
            spawn_worker(Arc::clone(&shared), tx.clone());
        }
        let mut results: Vec<Option<Result<R, JobFailure>>> = (0..n).map(|_| None).collect();
        let mut pending = n;
        let tick = (self.limit / 4).clamp(Duration::from_millis(10), Duration::from_millis(500));
        while pending > 0 {
            match rx.recv_timeout(tick) {
                Ok((i, r)) => {
                    if results[i].is_none() {
                        results[i] = Some(r);
                        pending -= 1;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            // Give up on jobs past the limit, and replace their workers.
            let overdue: Vec<usize> = match shared.slots.lock() {
                Ok(slots) => slots
                    .iter()
                    .enumerate()
                    .filter(|(i, s)| {
                        results[*i].is_none() && s.started.is_some_and(|t| t.elapsed() > self.limit)
                    })
                    .map(|(i, _)| i)
                    .collect(),
                Err(_) => Vec::new(),
            };
            for i in overdue {
                if let Ok(slots) = shared.slots.lock() {
                    slots[i].abandoned.store(true, Ordering::SeqCst);
                }
                results[i] = Some(Err(JobFailure::TimedOut(self.limit)));
                pending -= 1;
                spawn_worker(Arc::clone(&shared), tx.clone());
            }
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or(Err(JobFailure::Panicked("the worker was lost".into()))))
            .collect()
    }
}

enum Fault {
    Panic(String),
    Hang(String),
}

fn faults() -> &'static [Fault] {
    static FAULTS: OnceLock<Vec<Fault>> = OnceLock::new();
    FAULTS.get_or_init(|| {
        let Ok(spec) = std::env::var("MARSAD_FAULT") else {
            return Vec::new();
        };
        spec.split(',')
            .filter_map(|f| match f.split_once('=') {
                Some(("panic", m)) if !m.is_empty() => Some(Fault::Panic(m.to_string())),
                Some(("hang", m)) if !m.is_empty() => Some(Fault::Hang(m.to_string())),
                _ => None,
            })
            .collect()
    })
}

/// Test-only faults (see the module doc); nothing when `MARSAD_FAULT` is unset.
pub fn inject_faults(content: &str) {
    for f in faults() {
        match f {
            Fault::Panic(m) if content.contains(m.as_str()) => {
                panic!("fault injected for a page holding {m:?}")
            }
            Fault::Hang(m) if content.contains(m.as_str()) => loop {
                std::thread::sleep(Duration::from_secs(3600));
            },
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_and_a_hang_become_failures_and_the_rest_come_back_in_order() {
        let guard = Guard {
            workers: 2,
            limit: Duration::from_secs(2),
        };
        let mut jobs: Vec<Job<u32>> = Vec::new();
        for i in 0..20u32 {
            jobs.push(Box::new(move || match i {
                3 => panic!("boom {i}"),
                7 => loop {
                    std::thread::sleep(Duration::from_secs(60));
                },
                _ => i * 2,
            }));
        }
        let started = Instant::now();
        let results = guard.run(jobs);
        assert!(started.elapsed() < Duration::from_secs(20));
        assert_eq!(results.len(), 20);
        for (i, r) in results.iter().enumerate() {
            match i {
                3 => assert_eq!(r, &Err(JobFailure::Panicked("boom 3".into()))),
                7 => assert_eq!(r, &Err(JobFailure::TimedOut(Duration::from_secs(2)))),
                _ => assert_eq!(r, &Ok(i as u32 * 2)),
            }
        }
    }
}
