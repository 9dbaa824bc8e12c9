//! Reads councils' JSON Feeds for a portal: over HTTP(S) (a few at once, with timeouts, a size
//! limit and conditional requests) or from files, following `next_url`, and keeps the last good
//! copy of each in `.jobsite/sources/` beside site.yaml.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The folder beside site.yaml that holds each source's last good copy.
pub const CACHE_FOLDER: &str = ".jobsite/sources";

/// The largest page of a feed read: four times a full page of jobsite's own feed (1,000 whole
/// adverts, about 4.5 MB).
pub const MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// The most pages followed through `next_url`: 200,000 vacancies at 1,000 a page.
pub const MAX_PAGES: usize = 200;

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
    pub pages: Vec<FeedPage>,
}

/// Where the last good copy of the source called `slug` is kept.
pub fn cache_path(root: &Path, slug: &str) -> PathBuf {
    root.join(CACHE_FOLDER).join(format!("{slug}.json"))
}

/// The last good copy of the source called `slug`, if one was kept (and can still be read).
pub fn read_cache(root: &Path, slug: &str) -> Option<FeedCopy> {
    let text = std::fs::read_to_string(cache_path(root, slug)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Keeps `copy` as the last good copy of the source called `slug`, replacing the old one whole
/// (written beside it, then moved into place, so a copy is never half-written).
pub fn write_cache(root: &Path, slug: &str, copy: &FeedCopy) -> std::io::Result<()> {
    let path = cache_path(root, slug);
    let folder = path.parent().expect("the cache path has a folder");
    std::fs::create_dir_all(folder)?;
    let ignore = root.join(".jobsite/.gitignore");
    if !ignore.exists() {
        std::fs::write(&ignore, "# Kept by jobsite: the last good copy of each portal source.\n*\n")?;
    }
    let partial = folder.join(format!(".{slug}.json.partial"));
    std::fs::write(&partial, serde_json::to_vec(copy).map_err(std::io::Error::from)?)?;
    std::fs::rename(&partial, &path)
}

/// Reads every feed, a few at once; each result is in the order of `feeds`. `cached` holds each
/// feed's last good copy, if any, for conditional requests.
pub fn fetch_all(root: &Path, feeds: &[&FeedAddress], cached: &[Option<FeedCopy>]) -> Vec<Result<FeedCopy, String>> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(5)
        .user_agent(concat!("jobsite/", env!("CARGO_PKG_VERSION"), " (regional portal)"))
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results: Vec<std::sync::Mutex<Option<Result<FeedCopy, String>>>> =
        feeds.iter().map(|_| std::sync::Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..AT_ONCE.min(feeds.len()) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(feed) = feeds.get(i) else { break };
                let got = fetch(&agent, root, feed, cached.get(i).and_then(Option::as_ref));
                *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(got);
            });
        }
    });
    results
        .into_iter()
        .map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner()).unwrap_or_else(|| Err("not read".into())))
        .collect()
}

/// Reads one feed, every page, or says why it could not.
fn fetch(agent: &ureq::Agent, root: &Path, feed: &FeedAddress, cached: Option<&FeedCopy>) -> Result<FeedCopy, String> {
    let mut copy = FeedCopy::default();
    let mut address = feed.as_str().to_string();
    loop {
        if copy.pages.iter().any(|p| p.url == address) {
            return Err(format!("its pages go round in a circle at {address}"));
        }
        if copy.pages.len() == MAX_PAGES {
            return Err(format!("it has more than {MAX_PAGES} pages"));
        }
        let old = cached.and_then(|c| c.pages.iter().find(|p| p.url == address));
        let page = match feed {
            FeedAddress::Web(_) => get(agent, &address, old)?,
            FeedAddress::File(_) => read_file(root, &address)?,
        };
        // `None`: 304 Not Modified, which answers only a conditional request, made with a kept page.
        let page = page.unwrap_or_else(|| old.expect("a 304 answers a request made with a kept page").clone());
        let next = next_url(&page.body);
        copy.pages.push(page);
        match next {
            None => return Ok(copy),
            Some(next) => {
                address = match feed {
                    FeedAddress::Web(_) => next,
                    // A feed saved to files: the next page is the file named as the address ends.
                    FeedAddress::File(first) => sibling_file(first, &next),
                }
            }
        }
    }
}

/// One page over HTTP(S); `None` when the server says the cached page is still current.
fn get(agent: &ureq::Agent, url: &str, old: Option<&FeedPage>) -> Result<Option<FeedPage>, String> {
    let mut request = agent.get(url).header("Accept", "application/feed+json, application/json");
    if let Some(old) = old {
        if let Some(etag) = &old.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &old.last_modified {
            request = request.header("If-Modified-Since", date);
        }
    }
    let mut response = request.call().map_err(|e| format!("{url} could not be read: {e}"))?;
    let status = response.status().as_u16();
    if status == 304 && old.is_some() {
        return Ok(None);
    }
    if status != 200 {
        return Err(format!("{url} answered {status} instead of the feed"));
    }
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    let (etag, last_modified) = (header("etag"), header("last-modified"));
    let body = response.body_mut().with_config().limit(MAX_PAGE_BYTES).read_to_string().map_err(|e| match e {
        ureq::Error::BodyExceedsLimit(_) => too_large(url),
        e => format!("{url} could not be read whole: {e}"),
    })?;
    Ok(Some(FeedPage { url: url.to_string(), etag, last_modified, body: body.into() }))
}

/// One page from a file (relative paths from the site folder).
fn read_file(root: &Path, path: &str) -> Result<Option<FeedPage>, String> {
    let full = root.join(path);
    let size = std::fs::metadata(&full).map_err(|e| format!("{path} could not be read: {e}"))?.len();
    if size > MAX_PAGE_BYTES {
        return Err(too_large(path));
    }
    let body = std::fs::read_to_string(&full).map_err(|e| format!("{path} could not be read: {e}"))?;
    Ok(Some(FeedPage { url: path.to_string(), etag: None, last_modified: None, body: body.into() }))
}

fn too_large(address: &str) -> String {
    format!("{address} is larger than {} MB", MAX_PAGE_BYTES / 1024 / 1024)
}

/// The `next_url` of a page, if it has one (the page is checked properly later).
fn next_url(body: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Next {
        next_url: Option<String>,
    }
    serde_json::from_str::<Next>(body).ok()?.next_url.filter(|n| !n.trim().is_empty())
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
            next_url(r#"{"next_url": "https://x/feed-2.json", "items": []}"#).as_deref(),
            Some("https://x/feed-2.json")
        );
        assert_eq!(next_url(r#"{"items": []}"#), None);
    }

    #[test]
    fn the_cache_is_written_whole_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_cache(dir.path(), "a"), None);
        let copy = FeedCopy {
            pages: vec![FeedPage {
                url: "a.json".into(),
                etag: Some("\"1\"".into()),
                last_modified: None,
                body: "{}".into(),
            }],
        };
        write_cache(dir.path(), "a", &copy).unwrap();
        assert_eq!(read_cache(dir.path(), "a"), Some(copy));
        let ignore = std::fs::read_to_string(dir.path().join(".jobsite/.gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"), "the cache stays out of git: {ignore}");
    }
}
