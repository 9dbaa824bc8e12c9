//! Limited places for the preview's connections: in all, from any one address, and for
//! live-reload streams; each place is given back when its holder is dropped.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Connections handled at once from one address, so that one machine on the network cannot take
/// every place (above the live-reload streams' cap, so a browser with many tabs still loads pages).
pub const MAX_PER_PEER: usize = 128;

/// Holds one of a limited number of places, given back when dropped.
pub struct Place<'a>(&'a AtomicUsize);

impl<'a> Place<'a> {
    pub fn take(counter: &'a AtomicUsize, limit: usize) -> Option<Place<'a>> {
        counter.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < limit).then_some(n + 1)).ok()?;
        Some(Place(counter))
    }
}

impl Drop for Place<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// How many connections each address has open.
#[derive(Default)]
pub struct Peers(Mutex<HashMap<IpAddr, usize>>);

impl Peers {
    /// A place for one more connection from `ip`, unless it has [`MAX_PER_PEER`] already.
    pub fn take(&self, ip: IpAddr) -> Option<PeerPlace<'_>> {
        let mut open = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let count = open.entry(ip).or_insert(0);
        if *count >= MAX_PER_PEER {
            return None;
        }
        *count += 1;
        Some(PeerPlace { peers: self, ip })
    }
}

/// One connection's place among its address's, given back when dropped.
pub struct PeerPlace<'a> {
    peers: &'a Peers,
    ip: IpAddr,
}

impl Drop for PeerPlace<'_> {
    fn drop(&mut self) {
        let mut open = self.peers.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(count) = open.get_mut(&self.ip) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_holds_at_most_its_share_of_connections() {
        let peers = Peers::default();
        let (a, b): (IpAddr, IpAddr) = ("192.168.1.9".parse().unwrap(), "127.0.0.1".parse().unwrap());
        let held: Vec<_> = (0..MAX_PER_PEER).map(|_| peers.take(a).unwrap()).collect();
        assert!(peers.take(a).is_none(), "the address has its share");
        assert!(peers.take(b).is_some(), "another address is served");
        drop(held);
        assert!(peers.take(a).is_some(), "places are given back");
        assert!(peers.0.lock().unwrap().get(&b).is_none(), "a finished address is forgotten");
    }
}
