//! `marsad serve`: the story view (web pages and the JSON API) on a data folder.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use marsad_serve::{App, ServeOptions};

use crate::store_args::DataArgs;

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Port to listen on.
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Reader connections to the data folder (requests beyond this many at once wait).
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub readers: usize,
    /// Answer 408 to a request that takes longer than this many seconds.
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub request_timeout: f64,
    /// Where the Arabic web font is read from (Debian's fonts-hosny-amiri).
    #[arg(long, default_value = marsad_serve::DEFAULT_FONT_DIR, value_name = "DIR")]
    pub font_dir: PathBuf,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let request_timeout = Duration::try_from_secs_f64(args.request_timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .context("--request-timeout must be a number of seconds > 0")?;
    let mut options = ServeOptions::new(&args.data.dir);
    options.readers = args.readers.max(1);
    options.request_timeout = request_timeout;
    options.font_dir = args.font_dir;
    for font in marsad_serve::FONT_FILES {
        let path = options.font_dir.join(font);
        if !path.is_file() {
            eprintln!(
                "marsad: {} is missing: pages fall back to the browser's fonts (apt-get install fonts-hosny-amiri)",
                path.display()
            );
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(async move {
        let app = App::open(options)
            .with_context(|| format!("cannot serve {}", args.data.dir.display()))?;
        let addr = SocketAddr::new(args.host, args.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen on {addr}"))?;
        let local = listener.local_addr().unwrap_or(addr);
        eprintln!(
            "marsad: serving {} on http://{local}/ ({} stories)",
            args.data.dir.display(),
            app.catalog().largest.len()
        );
        marsad_serve::serve(listener, app).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
