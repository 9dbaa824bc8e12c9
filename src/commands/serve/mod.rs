//! `jobsite serve`: builds the site into memory, serves it on a local port, watches the site folder
//! and rebuilds on every save, telling open pages to reload. Never writes into the output folder.

pub(crate) mod backend;
mod changes;
#[cfg(test)]
mod differential;
mod guard;
mod http;
mod paths;
mod places;
mod state;
mod watch;

pub use changes::{classify, is_editor_scratch, matters, Rebuild};
pub use paths::{content_type, resolve, Resolved};

use crate::diagnostics::{Diagnostic, Diagnostics};
use state::{Builder, Shared, Signal, Snapshot};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What `jobsite serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks any free port.
    pub port: u16,
    pub drafts: bool,
    pub internal: bool,
    pub now: Option<jiff::Timestamp>,
    pub open: bool,
    /// Where a portal's last good copies are kept (`--cache-dir`).
    pub cache_dir: Option<PathBuf>,
}

/// How long to wait after a change for more changes before rebuilding: editors write a save's
/// files within microseconds of each other, so a short wait gathers them without delaying the page.
const SETTLE: Duration = Duration::from_millis(2);
/// Request threads: enough that a slow client never holds up the rest.
const WORKERS: usize = 8;
/// How many ports above the requested one to try when it is taken.
const PORT_TRIES: u16 = 50;

enum Message {
    Changed(Vec<String>),
    Stop,
}

/// Listens on the public address (the guard's), trying the next ports if it is taken.
fn bind(options: &Options) -> Result<(std::net::TcpListener, SocketAddr), Diagnostics> {
    let tries = if options.port == 0 { 1 } else { PORT_TRIES };
    let mut last_error = String::new();
    for offset in 0..tries {
        let Some(port) = options.port.checked_add(offset) else { break };
        match std::net::TcpListener::bind(SocketAddr::new(options.bind, port)) {
            Ok(listener) => {
                let addr = listener.local_addr().map_err(|e| cannot_start("listen", e.to_string(), PORT_HINT))?;
                if offset > 0 {
                    println!("Port {} is taken; using {} instead.", options.port, addr.port());
                }
                return Ok((listener, addr));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(cannot_start(&format!("listen on {}:{}", options.bind, options.port), last_error, PORT_HINT))
}

/// Why the preview could not start.
fn cannot_start(action: &str, why: String, hint: &str) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error("jobsite serve", format!("could not {action}: {why}")).hint(hint)])
}

const PORT_HINT: &str = "give another port with --port, or stop the program using this one";
const START_HINT: &str = "check that the site folder exists and that you may read it, then start the preview again";

/// Runs the preview until Ctrl-C, or says why it could not start.
pub fn run(options: Options) -> Result<(), Diagnostics> {
    let (listener, addr) = bind(&options)?;
    if !addr.ip().is_loopback() {
        // The address actually bound (its port chosen by the system when --port 0 was given).
        eprintln!(
            "warning: listening on {addr}, so other computers on the network can see this preview, drafts included"
        );
    }
    // The HTTP server itself is reachable only through the guard: see `backend`.
    let behind =
        backend::Started::new(cfg!(unix)).map_err(|e| cannot_start("start the server", e.to_string(), START_HINT))?;
    let door = Arc::new(guard::Door::new(behind.backend.clone(), addr, backend::random_text()));
    let host = if addr.ip().is_unspecified() { "127.0.0.1".to_string() } else { addr.ip().to_string() };
    let host = if host.contains(':') { format!("[{host}]") } else { host };
    let url = format!("http://{host}:{}/", addr.port());
    let builder = Builder {
        root: options.root.clone(),
        base_url: url.clone(),
        drafts: options.drafts,
        internal: options.internal,
        now: options.now,
        cache_dir: options.cache_dir.clone(),
        sources_read: Default::default(),
    };
    let shared = Arc::new(Shared::default());
    let started = Instant::now();
    match builder.build(&Rebuild::Everything, None) {
        Ok(built) => {
            println!("Built {} pages in {} ms", built.pages_rendered, started.elapsed().as_millis());
            shared.publish(built.snapshot);
            let published = shared.snapshot();
            std::thread::spawn(move || published.warm());
        }
        Err(problems) => {
            eprint!("{problems}");
            eprintln!("The site could not be built; fix the problems above and save: the preview updates by itself.");
            shared.publish(Snapshot::failed(&Snapshot::default(), problems.to_string()));
        }
    }
    let behind = Arc::new(behind);
    let stopping = Arc::new(AtomicBool::new(false));
    let guard = {
        let (stopping, door) = (stopping.clone(), door.clone());
        std::thread::spawn(move || guard::run(listener, door, stopping))
    };
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let (behind, shared, stopping, door) = (behind.clone(), shared.clone(), stopping.clone(), door.clone());
            std::thread::spawn(move || {
                while !stopping.load(Ordering::Relaxed) {
                    if let Ok(Some(request)) = behind.server.recv_timeout(Duration::from_millis(200)) {
                        serve_one(request, &shared, &door.pass);
                    }
                }
            })
        })
        .collect();
    let (tx, rx) = mpsc::channel::<Message>();
    let (change_tx, change_rx) = mpsc::channel::<Vec<String>>();
    let forward = tx.clone();
    std::thread::spawn(move || {
        for batch in change_rx {
            if forward.send(Message::Changed(batch)).is_err() {
                break;
            }
        }
    });
    let mut watcher = watch::SiteWatcher::start(&options.root, change_tx)
        .map_err(|e| cannot_start(&format!("watch {}", options.root.display()), e.to_string(), START_HINT))?;
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })
    .map_err(|e| cannot_start("listen for Ctrl-C", e.to_string(), START_HINT))?;
    println!("Serving {} at {url} (press Ctrl-C to stop)", options.root.display());
    if options.open && open::that_detached(&url).is_err() {
        println!("Open {url} in your browser.");
    }
    rebuild_loop(&rx, &builder, &shared, &mut watcher);
    stopping.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.join();
    }
    let _ = guard.join();
    println!("Stopped.");
    Ok(())
}

/// Answers one request. A fault inside jobsite while answering costs that request alone (tiny_http
/// answers it 500): the worker goes on to the next.
fn serve_one(request: tiny_http::Request, shared: &Arc<Shared>, pass: &str) {
    let answered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| http::handle(request, shared, pass)));
    if answered.is_err() {
        eprintln!("warning: the preview could not answer a request (an error inside jobsite); it goes on serving");
    }
}

/// Waits for changes, lets a burst of them settle, rebuilds and publishes, until told to stop.
fn rebuild_loop(rx: &Receiver<Message>, builder: &Builder, shared: &Shared, watcher: &mut watch::SiteWatcher) {
    while let Ok(message) = rx.recv() {
        let mut changed = match message {
            Message::Changed(paths) => paths,
            Message::Stop => return,
        };
        loop {
            match rx.recv_timeout(SETTLE) {
                Ok(Message::Changed(more)) => changed.extend(more),
                Ok(Message::Stop) => return,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        changed.sort();
        changed.dedup();
        watcher.watch_new_folders();
        rebuild(builder, shared, &changed);
    }
}

fn rebuild(builder: &Builder, shared: &Shared, changed: &[String]) {
    let change = classify(changed.iter().map(String::as_str));
    let started = Instant::now();
    let previous = shared.snapshot();
    let cause = match changed {
        [one] => format!("{} changed", crate::diagnostics::printable(one, false)),
        many => format!("{} files changed", many.len()),
    };
    match builder.build(&change, Some(&previous)) {
        Ok(mut built) => {
            let signal =
                if change == Rebuild::Styles && previous.error.is_none() { Signal::Styles } else { Signal::Reload };
            built.snapshot.signal = Some(signal);
            shared.publish(built.snapshot);
            let pages = if built.pages_rendered == 1 { "page" } else { "pages" };
            println!("Rebuilt {} {pages} in {} ms after {cause}", built.pages_rendered, started.elapsed().as_millis());
            // The pages the edit left pending are rendered now, in the background, so they are
            // ready when the reloading browser asks; a request that comes first renders its own.
            let published = shared.snapshot();
            std::thread::spawn(move || published.warm());
        }
        Err(problems) => {
            eprint!("{problems}");
            eprintln!(
                "Rebuild failed after {cause}; still serving the last good version. Fix the file and save it again."
            );
            shared.publish(Snapshot::failed(&previous, problems.to_string()));
        }
    }
}
