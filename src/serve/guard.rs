//! The preview's front door: accepts connections on the public address, reads each request's head
//! with limits (a request line of 8 KiB, a head of 16 KiB, 10 seconds to send it), refuses what
//! breaks them, and passes the rest, one request per connection, to the HTTP server behind it.
//! A slow or oversized client only ever holds its own thread.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

pub const MAX_REQUEST_LINE: usize = 8 * 1024;
pub const MAX_HEAD: usize = 16 * 1024;
const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections handled at once; more are answered 503 straight away.
const MAX_CONNECTIONS: usize = 512;

/// Why a request head was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    LineTooLong,
    HeadTooLarge,
    TooSlow,
    Closed,
}

/// Reads a request head (up to and including the blank line) from `stream`, within the limits.
/// Returns the head and any bytes read past it.
pub fn read_head(stream: &mut impl Read) -> Result<(Vec<u8>, Vec<u8>), Refusal> {
    let mut buffer = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    loop {
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

/// The head with any `Connection` header replaced by `Connection: close`.
fn one_request_only(head: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(head);
    let mut out = String::with_capacity(text.len() + 20);
    for (i, line) in text.split("\r\n").enumerate() {
        if line.is_empty() {
            continue;
        }
        if i > 0 && line.to_ascii_lowercase().starts_with("connection:") {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    out.into_bytes()
}

fn refuse(stream: &mut TcpStream, status: &str) {
    let _ = write!(stream, "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{status}\n", status.len() + 1);
    let _ = stream.shutdown(Shutdown::Both);
}

fn handle(mut client: TcpStream, backend: SocketAddr) {
    let _ = client.set_read_timeout(Some(HEAD_TIMEOUT));
    let (head, rest) = match read_head(&mut client) {
        Ok(read) => read,
        Err(Refusal::LineTooLong) => return refuse(&mut client, "414 URI Too Long"),
        Err(Refusal::HeadTooLarge) => return refuse(&mut client, "431 Request Header Fields Too Large"),
        Err(Refusal::TooSlow) => return refuse(&mut client, "408 Request Timeout"),
        Err(Refusal::Closed) => return,
    };
    let _ = client.set_read_timeout(None);
    let Ok(mut server) = TcpStream::connect(backend) else { return refuse(&mut client, "503 Service Unavailable") };
    if server.write_all(&one_request_only(&head)).and_then(|_| server.write_all(&rest)).is_err() {
        return;
    }
    // Anything the client sends after the head (a body) goes on to the server.
    if let (Ok(mut from), Ok(mut to)) = (client.try_clone(), server.try_clone()) {
        std::thread::spawn(move || {
            let _ = io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Write);
        });
    }
    let _ = io::copy(&mut server, &mut client);
    let _ = client.shutdown(Shutdown::Both);
}

/// Accepts connections on `listener` until `stopping`, handing each to its own thread.
pub fn run(listener: TcpListener, backend: SocketAddr, stopping: Arc<AtomicBool>) {
    let _ = listener.set_nonblocking(true);
    let open = Arc::new(AtomicUsize::new(0));
    while !stopping.load(Ordering::Relaxed) {
        match listener.accept() {
            Ok((mut stream, _)) => {
                let _ = stream.set_nonblocking(false);
                let _ = stream.set_nodelay(true);
                if open.load(Ordering::Relaxed) >= MAX_CONNECTIONS {
                    refuse(&mut stream, "503 Service Unavailable");
                    continue;
                }
                open.fetch_add(1, Ordering::Relaxed);
                let open = open.clone();
                std::thread::spawn(move || {
                    handle(stream, backend);
                    open.fetch_sub(1, Ordering::Relaxed);
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
        let ok = b"GET / HTTP/1.1\r\nHost: x\r\n\r\nrest".to_vec();
        let (head, rest) = read_head(&mut &ok[..]).unwrap();
        assert_eq!((head.as_slice(), rest.as_slice()), (&b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"[..], &b"rest"[..]));
        let long_line = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(read_head(&mut long_line.as_bytes()), Err(Refusal::LineTooLong));
        let big_head = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "b".repeat(MAX_HEAD));
        assert_eq!(read_head(&mut big_head.as_bytes()), Err(Refusal::HeadTooLarge));
        assert_eq!(read_head(&mut &b"GET / HTTP/1.1\r\n"[..]), Err(Refusal::Closed));
    }

    #[test]
    fn every_request_closes_its_connection() {
        let head = one_request_only(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n");
        assert_eq!(head, b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }
}
