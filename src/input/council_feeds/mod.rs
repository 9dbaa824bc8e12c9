//! Reads councils' JSON Feeds for a portal: over HTTP(S) (a few at once, with timeouts, limits on
//! each page and on each source as a whole, and conditional requests) or from files in the site
//! folder, following `next_url` within the rules of `reach`; the last good copy of each is kept
//! by `cache`.

pub mod cache;
pub mod reach;

pub use cache::{read_caches, write_cache, Cache};
use reach::Origin;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The largest page of a feed read: four times a full page of jobsite's own feed (1,000 whole
/// adverts, about 4.5 MB).
pub const MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// The most read from one source, every page together: a council with 20,000 vacancies.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// The most vacancies read from one source.
pub const MAX_SOURCE_ITEMS: usize = 20_000;

/// The most pages followed through `next_url`: 20,000 vacancies at 100 a page.
pub const MAX_PAGES: usize = 200;

/// How long reading one source may take, every page together.
pub const MAX_SOURCE_TIME: Duration = Duration::from_secs(120);

/// The most redirects followed for one page.
const MAX_REDIRECTS: usize = 5;

/// How many sources are fetched at once.
const AT_ONCE: usize = 8;

/// How long one request may take, connecting included.
const TIMEOUT: Duration = Duration::from_secs(30);

/// Where a council's feed is read from (`portal.sources[].feed` in site.yaml).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedAddress {
    /// An http(s) address.
    Web(String),
    /// A file, as written in site.yaml (relative paths are relative to the site folder).
    File(String),
}

impl FeedAddress {
    pub fn as_str(&self) -> &str {
        match self {
            FeedAddress::Web(s) | FeedAddress::File(s) => s,
        }
    }
}

/// One page of a feed as it was read, with what the server said to ask it next time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedPage {
    /// The address (or file path) it was read from.
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The page's JSON text, shared (not copied) when a 304 answer reuses the kept page.
    pub body: std::sync::Arc<str>,
}

/// A source's feed: every page, first to last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedCopy {
    /// The feed's address as site.yaml gave it: a kept copy serves only that address.
    #[serde(default)]
    pub source: String,
    pub pages: Vec<FeedPage>,
}

/// Reads every feed, a few at once; each result is in the order of `feeds`. `cached` holds each
/// feed's last good copy, if any, for conditional requests.
pub fn fetch_all(root: &Path, feeds: &[&FeedAddress], cached: &[Option<FeedCopy>]) -> Vec<Result<FeedCopy, String>> {
    let next = AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<FeedCopy, String>>>> =
        feeds.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE.min(feeds.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(feed) = feeds.get(i) else { break };
                let got = fetch(root, feed, cached.get(i).and_then(Option::as_ref));
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(got);
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner()).unwrap_or_else(|| Err("not read".into())))
        .collect()
}

/// An agent for one source: redirects are followed by hand (see `get`), and names resolve only
/// to public addresses unless site.yaml names a private host.
fn agent(allow_private: bool) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("jobsite/", env!("CARGO_PKG_VERSION"), " (regional portal)"))
        .build();
    ureq::Agent::with_parts(
        config,
        ureq::unversioned::transport::DefaultConnector::default(),
        reach::Guarded { allow_private },
    )
}

/// What reading one source has used of its allowance so far.
struct Budget {
    started: Instant,
    bytes: u64,
    items: usize,
}

impl Budget {
    /// Counts a page read; says why reading stops when the source has had its allowance.
    fn spend(&mut self, page: &FeedPage, items: usize) -> Result<(), String> {
        self.bytes += page.body.len() as u64;
        self.items += items;
        if self.bytes > MAX_SOURCE_BYTES {
            return Err(format!("its pages add up to more than {} MB", MAX_SOURCE_BYTES / 1024 / 1024));
        }
        if self.items > MAX_SOURCE_ITEMS {
            return Err(format!("it has more than {MAX_SOURCE_ITEMS} vacancies"));
        }
        Ok(())
    }

    /// How long the next request may take.
    fn remaining(&self) -> Result<Duration, String> {
        MAX_SOURCE_TIME
            .checked_sub(self.started.elapsed())
            .filter(|d| !d.is_zero())
            .map(|d| d.min(TIMEOUT))
            .ok_or_else(|| format!("reading it took longer than {} seconds", MAX_SOURCE_TIME.as_secs()))
    }
}

/// Reads one feed, every page, or says why it could not.
fn fetch(root: &Path, feed: &FeedAddress, cached: Option<&FeedCopy>) -> Result<FeedCopy, String> {
    let mut copy = FeedCopy { source: feed.as_str().to_string(), pages: Vec::new() };
    let mut budget = Budget { started: Instant::now(), bytes: 0, items: 0 };
    let origin = match feed {
        FeedAddress::Web(address) => Some(Origin::of(address).ok_or("its address is not a web address")?),
        FeedAddress::File(_) => None,
    };
    let agent = origin.as_ref().map(|o| agent(o.names_a_private_host()));
    let mut address = feed.as_str().to_string();
    loop {
        if copy.pages.iter().any(|p| p.url == address) {
            return Err("its pages go round in a circle".into());
        }
        if copy.pages.len() == MAX_PAGES {
            return Err(format!("it has more than {MAX_PAGES} pages"));
        }
        let old = cached.and_then(|c| c.pages.iter().find(|p| p.url == address));
        let page = match (&agent, &origin) {
            (Some(agent), Some(origin)) => get(agent, origin, &address, old, budget.remaining()?)?,
            _ => read_file(root, &address)?,
        };
        // `None`: 304 Not Modified, which answers only a conditional request, made with a kept page.
        let page = page.unwrap_or_else(|| old.expect("a 304 answers a request made with a kept page").clone());
        let (next, items) = next_url(&page.body);
        budget.spend(&page, items)?;
        copy.pages.push(page);
        match next {
            None => return Ok(copy),
            Some(next) => {
                address = match (&origin, feed) {
                    (Some(origin), _) => reach::follow(origin, &address, &next)?,
                    // A feed saved to files: the next page is the file named as the address ends.
                    (None, FeedAddress::File(first)) => sibling_file(first, &next),
                    (None, FeedAddress::Web(_)) => unreachable!("a web feed has an origin"),
                }
            }
        }
    }
}

/// One page over HTTP(S), following redirects that stay at `origin`; `None` when the server says
/// the cached page is still current. What goes wrong is said without the server's own words.
fn get(
    agent: &ureq::Agent,
    origin: &Origin,
    url: &str,
    old: Option<&FeedPage>,
    time: Duration,
) -> Result<Option<FeedPage>, String> {
    let mut at = url.to_string();
    for _ in 0..=MAX_REDIRECTS {
        let mut request = agent
            .get(&at)
            .header("Accept", "application/feed+json, application/json")
            .config()
            .timeout_global(Some(time))
            .build();
        if let Some(old) = old {
            if let Some(etag) = &old.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &old.last_modified {
                request = request.header("If-Modified-Since", date);
            }
        }
        let mut response = request.call().map_err(|e| match e {
            ureq::Error::Io(e) if e.to_string() == reach::PRIVATE => {
                "its address leads to a private or local network, which a portal reaches only when site.yaml names such an address".to_string()
            }
            ureq::Error::Timeout(_) => "its server did not answer in time".to_string(),
            _ => "its server could not be reached".to_string(),
        })?;
        let status = response.status().as_u16();
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location = response.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or("");
            at = reach::follow(origin, &at, location)?;
            continue;
        }
        if status == 304 && old.is_some() {
            return Ok(None);
        }
        if status != 200 {
            return Err(format!("its server answered with an error (HTTP {status}) instead of the feed"));
        }
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (etag, last_modified) = (header("etag"), header("last-modified"));
        let body = response.body_mut().with_config().limit(MAX_PAGE_BYTES).read_to_string().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => too_large(),
            _ => "its server did not send the page whole".to_string(),
        })?;
        return Ok(Some(FeedPage { url: url.to_string(), etag, last_modified, body: body.into() }));
    }
    Err(format!("its server redirected more than {MAX_REDIRECTS} times"))
}

/// One page from a file: a plain file inside the site folder (relative paths from it), read
/// through a limit, never a link or a device.
fn read_file(root: &Path, path: &str) -> Result<Option<FeedPage>, String> {
    use std::io::Read;
    let unreadable = || format!("the file {path} could not be read as a file inside the site folder");
    let full = root.join(path);
    let meta = std::fs::symlink_metadata(&full).map_err(|_| unreadable())?;
    if !meta.is_file() {
        return Err(unreadable());
    }
    crate::input::site_files::SiteFolder::open(root)
        .ok()
        .and_then(|site| site.check(&full).ok())
        .ok_or_else(unreadable)?;
    let mut body = String::new();
    std::fs::File::open(&full)
        .and_then(|f| f.take(MAX_PAGE_BYTES + 1).read_to_string(&mut body))
        .map_err(|_| unreadable())?;
    if body.len() as u64 > MAX_PAGE_BYTES {
        return Err(too_large());
    }
    Ok(Some(FeedPage { url: path.to_string(), etag: None, last_modified: None, body: body.into() }))
}

fn too_large() -> String {
    format!("a page of it is larger than {} MB", MAX_PAGE_BYTES / 1024 / 1024)
}

/// The `next_url` of a page, if it has one, and how many items it holds (the page is checked
/// properly later).
fn next_url(body: &str) -> (Option<String>, usize) {
    #[derive(Deserialize)]
    struct Next {
        next_url: Option<String>,
        #[serde(default)]
        items: Vec<serde::de::IgnoredAny>,
    }
    match serde_json::from_str::<Next>(body) {
        Ok(page) => (page.next_url.filter(|n| !n.trim().is_empty()), page.items.len()),
        Err(_) => (None, 0),
    }
}

/// The file beside `first` named as `next` (an address) ends: `feeds/a.json` and
/// `https://a.example/jobs/feed-2.json` give `feeds/feed-2.json`.
fn sibling_file(first: &str, next: &str) -> String {
    let name = next.trim_end_matches('/').rsplit('/').next().unwrap_or(next);
    match first.rfind(['/', '\\']) {
        Some(i) => format!("{}{name}", &first[..=i]),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_feeds_next_page_is_the_file_beside_it() {
        assert_eq!(sibling_file("feeds/a.json", "https://a.example/jobs/feed-2.json"), "feeds/feed-2.json");
        assert_eq!(sibling_file("a.json", "https://a.example/jobs/feed-2.json"), "feed-2.json");
        assert_eq!(
            next_url(r#"{"next_url": "https://x/feed-2.json", "items": [{}, {"a": [1]}]}"#),
            (Some("https://x/feed-2.json".to_string()), 2)
        );
        assert_eq!(next_url(r#"{"items": []}"#), (None, 0));
    }
}

#[cfg(test)]
mod reaching {
    use super::*;

    /// A loopback server that counts the requests it receives and answers each with `answer`.
    fn server(answer: &'static str) -> (String, std::sync::Arc<AtomicUsize>) {
        let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
        let address = format!("http://{}/", server.server_addr());
        let count = std::sync::Arc::new(AtomicUsize::new(0));
        let seen = count.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                seen.fetch_add(1, Ordering::SeqCst);
                let _ = request.respond(tiny_http::Response::from_string(answer));
            }
        });
        (address, count)
    }

    #[test]
    fn a_source_named_by_a_public_host_never_reaches_a_loopback_address() {
        let (internal, count) = server("secret");
        let origin = Origin::of(&internal).unwrap();
        let err = get(&agent(false), &origin, &internal, None, TIMEOUT).unwrap_err();
        assert!(err.contains("private or local network"), "{err}");
        assert!(!err.contains("secret"));
        assert_eq!(count.load(Ordering::SeqCst), 0, "the internal server received no request");
        // Named in site.yaml by its loopback address, the same server is read.
        let page = get(&agent(true), &origin, &internal, None, TIMEOUT).unwrap().unwrap();
        assert_eq!(&*page.body, "secret");
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn a_source_is_read_within_its_budget() {
        let mut budget = Budget { started: Instant::now(), bytes: 0, items: 0 };
        let page =
            |size: usize| FeedPage { url: "x".into(), etag: None, last_modified: None, body: "x".repeat(size).into() };
        budget.spend(&page(1024), 10).unwrap();
        let err = budget.spend(&page(MAX_SOURCE_BYTES as usize), 0).unwrap_err();
        assert!(err.contains("more than 64 MB"), "{err}");
        let mut budget = Budget { started: Instant::now(), bytes: 0, items: 0 };
        assert!(budget.spend(&page(1), MAX_SOURCE_ITEMS + 1).unwrap_err().contains("more than 20000 vacancies"));
        let late = Budget { started: Instant::now() - MAX_SOURCE_TIME, bytes: 0, items: 0 };
        assert!(late.remaining().unwrap_err().contains("longer than 120 seconds"));
        let early = Budget { started: Instant::now(), bytes: 0, items: 0 };
        assert_eq!(early.remaining().unwrap(), TIMEOUT, "one request never gets more than its own timeout");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_feed_is_a_plain_file_inside_the_site_read_through_a_limit() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("site");
        std::fs::create_dir_all(root.join("feeds")).unwrap();
        std::fs::write(root.join("feeds/a.json"), "{}").unwrap();
        std::fs::write(outer.path().join("outside.json"), "{}").unwrap();
        std::os::unix::fs::symlink("/dev/zero", root.join("feeds/zero.json")).unwrap();
        std::os::unix::fs::symlink(outer.path().join("outside.json"), root.join("feeds/out.json")).unwrap();
        assert!(read_file(&root, "feeds/a.json").unwrap().is_some());
        for bad in ["feeds/zero.json", "feeds/out.json", "../outside.json", "/dev/zero", "feeds"] {
            let err = read_file(&root, bad).unwrap_err();
            assert!(err.contains("could not be read as a file inside the site folder"), "{bad}: {err}");
        }
    }
}
