//! The HTTP server (tiny_http) behind the preview's front door, where only the door can reach it:
//! on Unix a socket in a new folder that only this user may open; elsewhere a loopback port whose
//! requests are answered only when they carry the door's pass.

use std::hash::{BuildHasher, Hasher};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;

/// A connection to the server behind the door.
pub trait Duplex: Read + Write + Send {
    fn set_read_timeout(&self, timeout: Option<std::time::Duration>) -> io::Result<()>;
}

impl Duplex for TcpStream {
    fn set_read_timeout(&self, timeout: Option<std::time::Duration>) -> io::Result<()> {
        TcpStream::set_read_timeout(self, timeout)
    }
}

#[cfg(unix)]
impl Duplex for std::os::unix::net::UnixStream {
    fn set_read_timeout(&self, timeout: Option<std::time::Duration>) -> io::Result<()> {
        std::os::unix::net::UnixStream::set_read_timeout(self, timeout)
    }
}

/// Where the server behind the door listens.
#[derive(Debug, Clone)]
pub enum Backend {
    #[cfg(unix)]
    Unix(PathBuf),
    Tcp(SocketAddr),
}

/// The server behind the door, and the private folder its socket is in (removed when dropped).
pub struct Started {
    pub server: tiny_http::Server,
    pub backend: Backend,
    folder: Option<PathBuf>,
}

impl Drop for Started {
    fn drop(&mut self) {
        if let Some(folder) = &self.folder {
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

/// A hard-to-guess text: hashes keyed with the process's random hashing seed.
pub fn random_text() -> String {
    let state = std::collections::hash_map::RandomState::new();
    let mut a = state.build_hasher();
    a.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    let mut b = std::collections::hash_map::RandomState::new().build_hasher();
    b.write_u32(std::process::id());
    format!("{:016x}{:016x}", a.finish(), b.finish())
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

impl Started {
    /// Starts the server: on a Unix socket where the system has them and `unix` is true, else on
    /// a loopback port (the fallback, which tests force on Linux).
    pub fn new(unix: bool) -> io::Result<Started> {
        #[cfg(unix)]
        if unix {
            use std::os::unix::fs::DirBuilderExt;
            let temp = std::env::temp_dir();
            let folder = temp.join(format!("{FOLDER_PREFIX}{}", random_text()));
            std::fs::DirBuilder::new().mode(0o700).create(&folder)?;
            sweep_stale_folders(&temp, &folder);
            let socket = folder.join("http.sock");
            let server = match tiny_http::Server::http_unix(&socket) {
                Ok(server) => server,
                Err(e) => {
                    let _ = std::fs::remove_dir_all(&folder);
                    return Err(other(e));
                }
            };
            return Ok(Started { server, backend: Backend::Unix(socket), folder: Some(folder) });
        }
        let _ = unix;
        let server = tiny_http::Server::http("127.0.0.1:0").map_err(other)?;
        let addr = server.server_addr().to_ip().ok_or_else(|| other("the server has no IP address"))?;
        Ok(Started { server, backend: Backend::Tcp(addr), folder: None })
    }
}

/// How the private folders of preview servers are named in the system's temporary folder.
#[cfg(unix)]
const FOLDER_PREFIX: &str = "jobsite-preview-";

/// How old a folder must be before it may be taken for a stopped server's: a server starting
/// at this moment makes its folder a moment before its socket.
#[cfg(unix)]
const STARTING_TIME: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes the private folders that preview servers stopped without a chance to tidy (killed,
/// or the laptop shut) left in `temp`: this user's, older than [`STARTING_TIME`], whose socket
/// no server answers. `own` (just made, by the same user) is kept.
#[cfg(unix)]
fn sweep_stale_folders(temp: &std::path::Path, own: &std::path::Path) {
    use std::os::unix::fs::MetadataExt;
    let Ok(owner) = std::fs::metadata(own).map(|m| m.uid()) else { return };
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    let now = std::time::SystemTime::now();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        // Only folders by the name are looked at, not everything else in the temporary folder.
        if !entry.file_name().to_string_lossy().starts_with(FOLDER_PREFIX) || path == own {
            continue;
        }
        // Not followed: a link with the name is not a server's folder.
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        let old = meta.modified().ok().and_then(|t| now.duration_since(t).ok()).is_some_and(|age| age > STARTING_TIME);
        let stopped = || std::os::unix::net::UnixStream::connect(path.join("http.sock")).is_err();
        if meta.is_dir() && meta.uid() == owner && old && stopped() {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

impl Backend {
    pub fn connect(&self) -> io::Result<Box<dyn Duplex>> {
        match self {
            #[cfg(unix)]
            Backend::Unix(path) => Ok(Box::new(std::os::unix::net::UnixStream::connect(path)?)),
            Backend::Tcp(addr) => {
                let stream = TcpStream::connect(addr)?;
                stream.set_nodelay(true)?;
                Ok(Box::new(stream))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(started: &Started) -> String {
        let mut stream = started.backend.connect().unwrap();
        stream.write_all(b"GET /x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
        let request = started.server.recv().unwrap();
        let path = request.url().to_string();
        request.respond(tiny_http::Response::from_string("hello")).unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        assert!(answer.ends_with("hello"), "{answer}");
        path
    }

    #[cfg(unix)]
    #[test]
    fn a_stopped_servers_folder_is_swept_and_a_running_or_starting_ones_kept() {
        let temp = tempfile::tempdir().unwrap();
        let long_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let folder = |name: &str| {
            let path = temp.path().join(name);
            std::fs::create_dir(&path).unwrap();
            path
        };
        let age = |path: &std::path::Path, time| std::fs::File::open(path).unwrap().set_modified(time).unwrap();
        // Killed: its socket is still there, but nothing listens.
        let stopped = folder("jobsite-preview-stopped");
        drop(std::os::unix::net::UnixListener::bind(stopped.join("http.sock")).unwrap());
        let running = folder("jobsite-preview-running");
        let _listening = std::os::unix::net::UnixListener::bind(running.join("http.sock")).unwrap();
        let starting = folder("jobsite-preview-starting");
        let other = folder("someone-else");
        let own = folder("jobsite-preview-own");
        for old in [&stopped, &running, &other, &own] {
            age(old, long_ago);
        }
        sweep_stale_folders(temp.path(), &own);
        assert!(!stopped.exists(), "a stopped server's folder is removed");
        assert!(running.exists(), "a running server's folder is kept");
        assert!(starting.exists(), "a folder made a moment ago is kept: its server may be starting");
        assert!(other.exists() && own.exists(), "other folders and the server's own are kept");
    }

    #[test]
    fn both_kinds_of_backend_answer_the_door() {
        let tcp = Started::new(false).unwrap();
        assert!(matches!(tcp.backend, Backend::Tcp(_)));
        assert_eq!(round_trip(&tcp), "/x");
        #[cfg(unix)]
        {
            let unix = Started::new(true).unwrap();
            let Backend::Unix(socket) = unix.backend.clone() else { panic!("a Unix socket was asked for") };
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(socket.parent().unwrap()).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700, "only this user may open the socket's folder");
            assert_eq!(round_trip(&unix), "/x");
            drop(unix);
            assert!(!socket.parent().unwrap().exists(), "the folder goes with the server");
        }
        assert_ne!(random_text(), random_text());
    }
}
