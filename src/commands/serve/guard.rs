//! The preview's front door and only listening port: reads each request's head within limits (a
//! request line of 8 KiB, a head of 16 KiB, 10 seconds from the connection's start to send it
//! whole, however it trickles in), answers 403 to a `Host` that is not this preview (DNS
//! rebinding), 405 to anything but GET and HEAD, caps connections (in all and from any one
//! address) and live-reload streams, and passes the rest, one request per connection, to the HTTP
//! server behind it, which no one else can reach. A slow or oversized client only ever holds its
//! own thread.

use super::backend::{Backend, Duplex};
use super::places::{Peers, Place};
use std::io::{self, Read, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const MAX_REQUEST_LINE: usize = 8 * 1024;
pub const MAX_HEAD: usize = 16 * 1024;
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a client may take to accept what is sent to it before it is dropped.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections handled at once; more are answered 503 straight away.
pub const MAX_CONNECTIONS: usize = 512;
/// Live-reload streams open at once (one per open tab); more are answered 503, so open tabs can
/// never take every connection.
pub const MAX_EVENT_STREAMS: usize = 64;
/// The path of the live-reload stream.
pub const EVENTS_PATH: &str = "/__jobsite/events";

/// Why a request head was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    LineTooLong,
    HeadTooLarge,
    TooSlow,
    Closed,
}

/// Reads a request head (up to and including the blank line) from `stream`, within the limits,
/// by `deadline`: before each read, `wait` is told how long is left (a socket sets its read
/// timeout to it), so a client that trickles a byte at a time is still cut off at the deadline.
/// Returns the head and any bytes read past it.
pub fn read_head(
    stream: &mut impl Read,
    deadline: Instant,
    mut wait: impl FnMut(Duration),
) -> Result<(Vec<u8>, Vec<u8>), Refusal> {
    let mut buffer = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Refusal::TooSlow);
        }
        wait(left);
        let n = match stream.read(&mut chunk) {
            Ok(0) => return Err(Refusal::Closed),
            Ok(n) => n,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                return Err(Refusal::TooSlow)
            }
            Err(_) => return Err(Refusal::Closed),
        };
        let searched_from = buffer.len().saturating_sub(3);
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(end) = buffer[searched_from..].windows(4).position(|w| w == b"\r\n\r\n") {
            let end = searched_from + end + 4;
            if end > MAX_HEAD {
                return Err(Refusal::HeadTooLarge);
            }
            if buffer[..end].iter().position(|b| *b == b'\n').is_some_and(|line| line > MAX_REQUEST_LINE) {
                return Err(Refusal::LineTooLong);
            }
            let rest = buffer.split_off(end);
            return Ok((buffer, rest));
        }
        if !buffer.contains(&b'\n') && buffer.len() > MAX_REQUEST_LINE {
            return Err(Refusal::LineTooLong);
        }
        if buffer.len() > MAX_HEAD {
            return Err(Refusal::HeadTooLarge);
        }
    }
}

/// The parts of a request head the front door decides on.
struct Head<'h> {
    method: &'h str,
    path: &'h str,
    host: Option<&'h str>,
}

fn parse(head: &str) -> Option<Head<'_>> {
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?;
    let target = request_line.next()?;
    let path = target.split(['?', '#']).next().unwrap_or("");
    let host = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim());
    Some(Head { method, path, host })
}

/// Whether a `Host` header names this preview: `localhost`, a loopback address, or the address
/// it listens on (any address when it listens on all of them), with its port if one is given. A web page on
/// another site that has pointed its own name at this machine (DNS rebinding) sends that name,
/// and is refused.
pub fn host_allowed(host: &str, bound: SocketAddr) -> bool {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((ip, after)) => (ip, after.strip_prefix(':')),
            None => return false,
        },
        None => match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        },
    };
    let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p == bound.port()));
    let name_ok = name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback() || ip == bound.ip() || bound.ip().is_unspecified());
    port_ok && name_ok
}

/// The head with any `Connection` header replaced by `Connection: close`, and the guard's pass
/// (the header the server behind checks, so that only this door's requests are answered).
fn forwarded(head: &str, pass: &str) -> Vec<u8> {
    let mut out = String::with_capacity(head.len() + 80);
    for (i, line) in head.split("\r\n").enumerate() {
        let lower = line.to_ascii_lowercase();
        if line.is_empty() || (i > 0 && (lower.starts_with("connection:") || lower.starts_with(PASS_HEADER_LOWER))) {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str(&format!("Connection: close\r\n{PASS_HEADER}: {pass}\r\n\r\n"));
    out.into_bytes()
}

/// The header that carries the guard's pass to the server behind.
pub const PASS_HEADER: &str = "X-Jobsite-Guard";
const PASS_HEADER_LOWER: &str = "x-jobsite-guard:";

fn refuse(stream: &mut TcpStream, status: &str, extra: &str) {
    let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n{extra}Connection: close\r\nContent-Length: {}\r\n\r\n{status}\n", status.len() + 1);
    close_gently(stream);
}

/// Most a closing connection reads and throws away, and for how long, before it is dropped.
const LINGER_BYTES: usize = 256 * 1024;
const LINGER_TIME: Duration = Duration::from_millis(500);

/// Ends a connection so that the client reads the whole answer: closing a socket with unread
/// bytes in it (the rest of an oversized request, say) resets the connection, and the client
/// may lose the answer or fail its own write. So the answer is finished first, then what the
/// client still sends is read and dropped, within a limit of bytes and time (a lingering close).
fn close_gently(stream: &mut TcpStream) {
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(LINGER_TIME));
    let started = std::time::Instant::now();
    let mut drained = 0;
    let mut buffer = [0u8; 8192];
    while drained < LINGER_BYTES && started.elapsed() < LINGER_TIME {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
    let _ = stream.shutdown(Shutdown::Both);
}

/// What the front door shares between connections.
pub struct Door {
    pub backend: Backend,
    pub bound: SocketAddr,
    pub pass: String,
    open: AtomicUsize,
    streams: AtomicUsize,
    peers: Peers,
}

impl Door {
    pub fn new(backend: Backend, bound: SocketAddr, pass: String) -> Door {
        Door { backend, bound, pass, open: AtomicUsize::new(0), streams: AtomicUsize::new(0), peers: Peers::default() }
    }
}

fn handle(mut client: TcpStream, door: &Door, accepted: Instant) {
    let _ = client.set_write_timeout(Some(WRITE_TIMEOUT));
    let socket = client.try_clone();
    let wait = |left: Duration| {
        if let Ok(socket) = &socket {
            let _ = socket.set_read_timeout(Some(left));
        }
    };
    let (head, _body) = match read_head(&mut client, accepted + HEAD_TIMEOUT, wait) {
        Ok(read) => read,
        Err(Refusal::LineTooLong) => return refuse(&mut client, "414 URI Too Long", ""),
        Err(Refusal::HeadTooLarge) => return refuse(&mut client, "431 Request Header Fields Too Large", ""),
        Err(Refusal::TooSlow) => return refuse(&mut client, "408 Request Timeout", ""),
        Err(Refusal::Closed) => return,
    };
    let head = String::from_utf8_lossy(&head).into_owned();
    let Some(request) = parse(&head) else { return refuse(&mut client, "400 Bad Request", "") };
    if !request.host.is_some_and(|h| host_allowed(h, door.bound)) {
        return refuse(&mut client, "403 Forbidden", "");
    }
    if !matches!(request.method, "GET" | "HEAD") {
        return refuse(&mut client, "405 Method Not Allowed", "Allow: GET, HEAD\r\n");
    }
    let stream_place = if request.path == EVENTS_PATH {
        match Place::take(&door.streams, MAX_EVENT_STREAMS) {
            Some(place) => Some(place),
            None => return refuse(&mut client, "503 Service Unavailable", "Retry-After: 5\r\n"),
        }
    } else {
        None
    };
    let Ok(mut server) = door.backend.connect() else {
        return refuse(&mut client, "503 Service Unavailable", "");
    };
    if server.write_all(&forwarded(&head, &door.pass)).is_err() {
        return;
    }
    if stream_place.is_some() {
        relay_stream(&mut *server, &client);
    } else {
        // The whole answer is taken from the server first, so that a client that reads slowly
        // holds only this thread, never one of the server's workers.
        let mut answer = Vec::new();
        if server.read_to_end(&mut answer).is_ok() {
            let _ = client.write_all(&answer);
        }
    }
    close_gently(&mut client);
}

/// Passes a live-reload stream on until the tab closes (checked every second, so its place is
/// soon free again) or stops reading (the write times out).
fn relay_stream(server: &mut dyn Duplex, mut client: &TcpStream) {
    let _ = server.set_read_timeout(Some(Duration::from_secs(1)));
    let mut buffer = [0u8; 1024];
    loop {
        match server.read(&mut buffer) {
            Ok(0) => return,
            Ok(n) => {
                if client.write_all(&buffer[..n]).is_err() {
                    return;
                }
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                if closed(client) {
                    return;
                }
            }
            Err(_) => return,
        }
    }
}

/// Whether the client has closed its side of the connection.
fn closed(client: &TcpStream) -> bool {
    if client.set_nonblocking(true).is_err() {
        return true;
    }
    let peeked = client.peek(&mut [0u8; 1]);
    let _ = client.set_nonblocking(false);
    match peeked {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != io::ErrorKind::WouldBlock,
    }
}

/// Accepts connections on `listener` until `stopping`, handing each to its own thread.
pub fn run(listener: TcpListener, door: Arc<Door>, stopping: Arc<AtomicBool>) {
    let _ = listener.set_nonblocking(true);
    while !stopping.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((mut stream, peer)) => {
                let accepted = Instant::now();
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_nodelay(true);
                let door = door.clone();
                if door.open.load(Ordering::Acquire) >= MAX_CONNECTIONS {
                    refuse(&mut stream, "503 Service Unavailable", "");
                    continue;
                }
                std::thread::spawn(move || {
                    let places = Place::take(&door.open, MAX_CONNECTIONS).zip(door.peers.take(peer.ip()));
                    if let Some(_places) = places {
                        handle(stream, &door, accepted);
                    } else {
                        refuse(&mut stream, "503 Service Unavailable", "Retry-After: 5\r\n");
                    }
                });
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_within_the_limits_are_read_and_others_refused() {
        let read_head = |stream: &mut &[u8]| read_head(stream, Instant::now() + HEAD_TIMEOUT, |_| {});
        let ok = b"GET / HTTP/1.1\r\nHost: x\r\n\r\nrest".to_vec();
        let (head, rest) = read_head(&mut &ok[..]).unwrap();
        assert_eq!((head.as_slice(), rest.as_slice()), (&b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"[..], &b"rest"[..]));
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(read_head(&mut long_line.as_bytes()), Err(Refusal::LineTooLong));
        let big_head = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "b".repeat(MAX_HEAD));
        assert_eq!(read_head(&mut big_head.as_bytes()), Err(Refusal::HeadTooLarge));
        assert_eq!(read_head(&mut &b"GET / HTTP/1.1\r\n"[..]), Err(Refusal::Closed));
    }

    /// A client that sends one byte at a time, each promptly: never too slow for one read.
    struct Trickle(std::collections::VecDeque<u8>);

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            std::thread::sleep(Duration::from_millis(5));
            match self.0.pop_front() {
                Some(b) => {
                    buf[0] = b;
                    Ok(1)
                }
                None => Err(io::Error::from(io::ErrorKind::WouldBlock)),
            }
        }
    }

    #[test]
    fn the_head_deadline_runs_from_the_start_across_every_read() {
        let slow = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
        let started = Instant::now();
        let mut waits = Vec::new();
        let got =
            read_head(&mut Trickle(slow.iter().copied().collect()), started + Duration::from_millis(100), |left| {
                waits.push(left)
            });
        assert_eq!(got, Err(Refusal::TooSlow));
        assert!(started.elapsed() < Duration::from_millis(400), "{:?}", started.elapsed());
        assert!(waits.windows(2).all(|w| w[1] < w[0]), "each read is given less time: {waits:?}");
        let quick =
            read_head(&mut Trickle(slow.iter().copied().collect()), Instant::now() + Duration::from_secs(5), |_| {});
        assert!(quick.is_ok());
    }

    #[test]
    fn every_request_closes_its_connection_and_carries_the_guards_pass_only() {
        let head =
            forwarded("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nX-Jobsite-Guard: forged\r\n\r\n", "p1");
        assert_eq!(head, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Jobsite-Guard: p1\r\n\r\n");
    }

    #[test]
    fn only_hosts_that_name_this_preview_are_allowed() {
        let loopback: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        for ok in ["localhost:1111", "LOCALHOST:1111", "127.0.0.1:1111", "127.0.0.2:1111", "[::1]:1111"] {
            assert!(host_allowed(ok, loopback), "{ok}");
        }
        assert!(host_allowed("localhost", loopback), "the port may be left out");
        for refused in [
            "evil.example:1111",
            "evil.example",
            "localhost:2222",
            "localhost.evil.example:1111",
            "[::1",
            "127.0.0.1:1111:1",
            "",
        ] {
            assert!(!host_allowed(refused, loopback), "{refused}");
        }
        let lan: SocketAddr = "192.168.1.20:8080".parse().unwrap();
        assert!(host_allowed("192.168.1.20:8080", lan));
        assert!(!host_allowed("192.168.1.21:8080", lan));
        assert!(!host_allowed("jobs.evil.example:8080", lan));
        let any: SocketAddr = "0.0.0.0:8080".parse().unwrap();
        assert!(host_allowed("10.0.0.5:8080", any), "listening on every address, any address of it is this preview");
        assert!(!host_allowed("rebind.evil.example:8080", any));
        assert!(host_allowed("localhost", "127.0.0.1:80".parse().unwrap()));
    }
}
