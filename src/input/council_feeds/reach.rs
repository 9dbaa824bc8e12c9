//! Where a portal may send requests for a council's feed: only to the origin (scheme, host and
//! port) of the address in site.yaml, and never to a loopback, private, link-local or multicast
//! address unless site.yaml itself names such a host. A feed's `next_url` and a server's
//! redirects are followed only within those rules, so a feed cannot turn the build machine into a
//! scanner of its own network.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// The origin of a web address: scheme, host and port (the scheme's own when none is written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Origin {
    /// The origin of `address`, if it is an http(s) address with a host.
    pub fn of(address: &str) -> Option<Origin> {
        let url = url::Url::parse(address).ok()?;
        if !matches!(url.scheme(), "http" | "https") {
            return None;
        }
        Some(Origin {
            scheme: url.scheme().to_string(),
            host: url.host_str()?.to_ascii_lowercase(),
            port: url.port_or_known_default(),
        })
    }

    /// Whether the host is one that site.yaml may name to reach a machine on its own network:
    /// `localhost` (or a name under it), or a loopback, private, link-local or multicast address
    /// written as numbers.
    pub fn names_a_private_host(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost" || host.ends_with(".localhost") || host.parse::<IpAddr>().is_ok_and(is_private)
    }

    /// Whether requests cross the network unencrypted: `http://` to a host that is not on the
    /// machine's own or a private network.
    pub fn is_plain_http(&self) -> bool {
        self.scheme == "http" && !self.names_a_private_host()
    }
}

/// `next` resolved against `base` (a page's address), if it stays at `origin`: the same scheme
/// (so never from https to http), host and port.
pub fn follow(origin: &Origin, base: &str, next: &str) -> Result<String, String> {
    let resolved = url::Url::parse(base)
        .and_then(|b| b.join(next.trim()))
        .map_err(|_| "it points to a next page whose address is not a web address".to_string())?;
    match Origin::of(resolved.as_str()) {
        Some(o) if o == *origin => Ok(resolved.into()),
        _ => Err("it points to a page on another site (a feed's pages and redirects must stay on the site named in site.yaml)".into()),
    }
}

/// Whether `ip` is on a loopback, private, shared, link-local, multicast, documentation,
/// benchmarking, reserved or unspecified range (IPv4 inside IPv6 judged as IPv4).
pub fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => private_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => private_v4(v4),
            None => private_v6(v6),
        },
    }
}

fn private_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (carrier-grade NAT)
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (18..20).contains(&b)) // benchmarking
        || a >= 240 // reserved
}

fn private_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || (first & 0xfe00) == 0xfc00 // unique local
        || (first & 0xffc0) == 0xfe80 // link-local
        || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
        || first == 0x2001 && ip.segments()[1] == 0x0db8 // documentation
        || ip.to_ipv4().is_some_and(|v4| ip.segments()[..6] == [0; 6] && private_v4(v4))
    // IPv4-compatible
}

/// The addresses of `found` a request may go to: all of them when the source may reach private
/// hosts, else only public ones; an error when none is left.
pub fn reachable(found: &[SocketAddr], allow_private: bool) -> Result<Vec<SocketAddr>, std::io::Error> {
    let kept: Vec<SocketAddr> = found.iter().copied().filter(|a| allow_private || !is_private(a.ip())).collect();
    if kept.is_empty() && !found.is_empty() {
        return Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, PRIVATE));
    }
    Ok(kept)
}

/// What a request refused for its address says (matched to word the warning).
pub const PRIVATE: &str = "the address leads to a private or local network";

/// A resolver that looks names up as usual, then drops private addresses (see [`reachable`]), so
/// that a public name resolving to an internal address is refused at the moment of connecting.
#[derive(Debug)]
pub struct Guarded {
    pub allow_private: bool,
}

impl Resolver for Guarded {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let found = DefaultResolver::default().resolve(uri, config, timeout)?;
        let kept = reachable(&found, self.allow_private).map_err(ureq::Error::Io)?;
        let mut out = self.empty();
        for address in kept {
            out.push(address);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_loopback_link_local_and_multicast_ranges_are_private() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "224.0.0.1",
            "100.64.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
        ] {
            assert!(is_private(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["8.8.8.8", "172.32.0.1", "100.128.0.1", "2a00:1450::1", "::ffff:8.8.8.8"] {
            assert!(!is_private(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn a_public_name_resolving_to_an_internal_address_is_refused() {
        let internal: Vec<SocketAddr> = vec!["127.0.0.1:80".parse().unwrap(), "10.0.0.5:80".parse().unwrap()];
        let err = reachable(&internal, false).unwrap_err();
        assert_eq!(err.to_string(), PRIVATE);
        assert_eq!(reachable(&internal, true).unwrap(), internal, "a source named by its private address");
        let mixed: Vec<SocketAddr> = vec!["10.0.0.5:80".parse().unwrap(), "93.184.216.34:80".parse().unwrap()];
        assert_eq!(reachable(&mixed, false).unwrap(), vec![mixed[1]], "only the public address is used");
    }

    #[test]
    fn next_pages_and_redirects_stay_at_the_origin_named_in_site_yaml() {
        let origin = Origin::of("https://jobs.north.example/feed.json").unwrap();
        assert_eq!(
            follow(&origin, "https://jobs.north.example/feed.json", "feed-2.json").unwrap(),
            "https://jobs.north.example/feed-2.json"
        );
        assert_eq!(
            follow(&origin, "https://jobs.north.example/a/feed.json", "https://JOBS.north.example:443/b").unwrap(),
            "https://jobs.north.example/b"
        );
        for elsewhere in [
            "http://jobs.north.example/feed-2.json",
            "https://jobs.north.example:8443/feed-2.json",
            "https://169.254.169.254/latest/meta-data/",
            "https://north.example/feed-2.json",
            "file:///etc/passwd",
            "gopher://jobs.north.example/",
            "//evil.example/x",
        ] {
            assert!(follow(&origin, "https://jobs.north.example/feed.json", elsewhere).is_err(), "{elsewhere}");
        }
    }

    #[test]
    fn only_hosts_written_as_local_names_or_numbers_may_reach_private_addresses() {
        for local in
            ["http://127.0.0.1:8000/f.json", "http://localhost/f.json", "http://[::1]:9/f", "http://10.0.0.2/f"]
        {
            assert!(Origin::of(local).unwrap().names_a_private_host(), "{local}");
        }
        for public in ["https://jobs.north.example/f.json", "https://8.8.8.8/f", "https://localhost.example/f"] {
            assert!(!Origin::of(public).unwrap().names_a_private_host(), "{public}");
        }
        assert!(
            Origin::of("http://jobs.north.example/f.json").unwrap().is_plain_http(),
            "crosses the internet unencrypted"
        );
        for not_plain in ["https://jobs.north.example/f.json", "http://127.0.0.1:8000/f.json", "http://localhost/f"] {
            assert!(!Origin::of(not_plain).unwrap().is_plain_http(), "{not_plain}");
        }
    }
}
