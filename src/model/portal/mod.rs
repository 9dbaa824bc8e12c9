//! A regional portal: the vacancies of every council named in `portal.sources`, read from their
//! feeds (or, when a feed fails or looks broken, from its last good copy) and added to the library.

pub mod feed;
pub mod guard;
pub mod merge;
pub mod pay;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::input::council_feeds::{self, Cache, FeedCopy};
use crate::model::content::Library;
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// How a build reads the portal's sources.
#[derive(Debug, Clone, Default)]
pub struct Fetching {
    /// Read only the last good copies, asking no server (the preview's rebuilds, `--offline`).
    pub offline: bool,
    /// Keep each new good copy in the cache (`check` writes nothing).
    pub keep: bool,
    /// Sources (by name or by slug) whose new feed is taken even though the guard would refuse it.
    pub accept_drop: Vec<String>,
    /// Where the last good copies are kept (`--cache-dir`); the user's cache folder when `None`.
    pub cache_dir: Option<PathBuf>,
    /// A feed held back by the guard is an error, not a warning, so that a person decides
    /// (`--accept-drop`) before anything is published: in CI (`CI=true`) and with `--strict`.
    pub drops_are_errors: bool,
}

/// What the field of every finding about sources is.
const FIELD: &str = "portal.sources";

/// Adds every source's vacancies to `library` (nothing when the site is not a portal) and says
/// what happened to each source that was not read cleanly.
pub fn gather(library: &mut Library, root: &Path, fetching: &Fetching, now: Timestamp) -> Diagnostics {
    let mut found = Diagnostics::default();
    let Some(portal) = library.site.portal.clone() else { return found };
    for name in &fetching.accept_drop {
        if !portal.sources.iter().any(|s| &s.name == name || &s.slug == name) {
            let names: Vec<&str> = portal.sources.iter().map(|s| s.slug.as_str()).collect();
            found.push(
                Diagnostic::warning("--accept-drop", format!("no source is called `{name}`"))
                    .hint(format!("name one of: {}", names.join(", "))),
            );
        }
    }
    for source in &portal.sources {
        if council_feeds::reach::Origin::of(source.feed.as_str()).is_some_and(|o| o.is_plain_http()) {
            found.push(
                Diagnostic::warning(
                    "site.yaml",
                    format!("{}'s feed is read over plain http://, so anyone on the way could change it", source.name),
                )
                .at(source.line, 1)
                .field(FIELD)
                .hint("ask the council for the https:// address of its feed"),
            );
        }
    }
    let cache = Cache::for_site(root, fetching.cache_dir.as_deref());
    let cached: Vec<Option<FeedCopy>> = council_feeds::read_caches(
        &cache,
        &portal.sources.iter().map(|s| (s.slug.as_str(), s.feed.as_str())).collect::<Vec<_>>(),
    );
    let fetched = if fetching.offline {
        cached.iter().map(|c| c.clone().ok_or_else(|| "it has not been read yet".to_string())).collect()
    } else {
        let feeds: Vec<_> = portal.sources.iter().map(|s| &s.feed).collect();
        council_feeds::fetch_all(root, &feeds, &cached)
    };
    for (i, (source, got)) in portal.sources.iter().zip(fetched).enumerate() {
        let kept = cached[i].as_ref();
        let read_kept = || kept.and_then(|c| feed::items(c, source).ok());
        let warn = |message: String, hint: &str| {
            Diagnostic::warning("site.yaml", message).at(source.line, 1).field(FIELD).hint(hint)
        };
        let chosen = match got.and_then(|copy| feed::items(&copy, source).map(|items| (copy, items))) {
            // The same pages as the kept copy (unchanged, or offline): nothing lost, nothing to keep.
            Ok((copy, new)) if kept.is_some_and(|c| c.pages == copy.pages) => Some(new),
            Ok((copy, new)) => {
                let accepted = fetching.accept_drop.iter().any(|n| n == &source.name || n == &source.slug);
                let old = if accepted { None } else { read_kept() };
                match old.as_ref().and_then(|(o, _)| Some((guard::trips(o, &new.0, now)?, o.len()))) {
                    Some((lost, had)) => {
                        let message = format!(
                            "{}'s feed has lost {lost} of its {had} vacancies before their closing dates, so its last good copy is shown instead",
                            source.name
                        );
                        let hint = format!(
                            "if {} really withdrew them, build with --accept-drop {}",
                            source.name, source.slug
                        );
                        found.push(if fetching.drops_are_errors {
                            Diagnostic::error("site.yaml", message).at(source.line, 1).field(FIELD).hint(hint)
                        } else {
                            warn(message, &hint)
                        });
                        old
                    }
                    None => {
                        if fetching.keep {
                            if let Err(e) = council_feeds::write_cache(&cache, &source.slug, &copy) {
                                found.push(warn(
                                    format!("{}'s feed could not be kept as its last good copy: {e}", source.name),
                                    "check that the cache folder (--cache-dir) can be written to",
                                ));
                            }
                        }
                        Some(new)
                    }
                }
            }
            Err(why) => {
                let old = read_kept();
                found.push(match old {
                    Some(_) => warn(
                        format!("{}'s feed could not be used ({why}), so its last good copy is shown", source.name),
                        "nothing is lost: the portal shows the council's vacancies as they last were; tell the council if this lasts",
                    ),
                    None => warn(
                        format!("{}'s vacancies are left out: its feed could not be used ({why}) and no good copy was ever kept", source.name),
                        "check the address in portal.sources, and that the council's site publishes its JSON Feed of vacancies",
                    ),
                });
                old
            }
        };
        let Some((items, skipped)) = chosen else { continue };
        for why in skipped {
            found.push(warn(format!("{}: {why}", source.name), "tell the council: its other vacancies are shown"));
        }
        for note in merge::add(library, i, items) {
            found.push(warn(format!("{}: {}", source.name, note.message), note.hint));
        }
    }
    library.vacancies.sort_by(|a, b| a.file.cmp(&b.file).then_with(|| a.stem.cmp(&b.stem)));
    found
}
