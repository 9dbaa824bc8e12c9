//! What the publish workflow asks between builds: what changed for job boards since the last
//! publish (`jobsite changes`). When the site next changes by itself (`jobsite next-change`) is
//! the publishing rules' to say (`publish::next_change`).

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::content::Library;
use crate::model::publish::{self, Rules};
use crate::output::feeds::json_feed;
use crate::output::routes::Scope;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// How one vacancy differs between the last publish and now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Updated,
    Removed,
}

/// Compares the site at `rules` with a previously published `/jobs/feed.json` (and the pages it
/// names with `next_url`, looked for beside it): each vacancy address that was added, removed or
/// changed in any published field, in address order.
pub fn changes(library: &Library, rules: &Rules, previous: &Path) -> Result<Vec<(String, Change)>, Diagnostics> {
    let selection = publish::select(library, rules);
    let pages: Vec<Value> = (1..=json_feed::page_count(&selection, Scope::All))
        .map(|page| {
            serde_json::from_slice(&json_feed::vacancies(library, &selection, Scope::All, page))
                .expect("the feed jobsite writes is JSON")
        })
        .collect();
    let now = items_by_url(&pages);
    let before = items_by_url(&read_pages(previous)?);
    let mut found = Vec::new();
    for (url, item) in &now {
        match before.get(url) {
            None => found.push((url.clone(), Change::Added)),
            Some(old) if old != item => found.push((url.clone(), Change::Updated)),
            Some(_) => {}
        }
    }
    found.extend(before.keys().filter(|url| !now.contains_key(*url)).map(|url| (url.clone(), Change::Removed)));
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found)
}

/// One JSON object per line, as the publish workflow reads them.
pub fn json_lines(changes: &[(String, Change)]) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        url: &'a str,
        change: Change,
    }
    let line = |(url, change): &(String, Change)| {
        serde_json::to_string(&Line { url, change: *change }).expect("a line always serialises") + "\n"
    };
    changes.iter().map(line).collect()
}

fn items_by_url(pages: &[Value]) -> BTreeMap<String, Value> {
    let items = pages.iter().flat_map(|p| p["items"].as_array().cloned().unwrap_or_default());
    items.filter_map(|i| Some((i["url"].as_str()?.to_string(), i))).collect()
}

/// The previous feed and its further pages: a page's `next_url` is looked for by its file name
/// in the same folder (the workflow downloads every page next to the first).
fn read_pages(first: &Path) -> Result<Vec<Value>, Diagnostics> {
    let mut pages = Vec::new();
    let mut path = first.to_path_buf();
    loop {
        let problem = |why: String| {
            Diagnostics(vec![Diagnostic::error(path.to_string_lossy(), why).hint(
                "give --previous the JSON Feed of every vacancy as last published (download it with curl first)",
            )])
        };
        let bytes = std::fs::read(&path).map_err(|e| problem(format!("could not read the previous feed: {e}")))?;
        let page: Value =
            serde_json::from_slice(&bytes).map_err(|e| problem(format!("the previous feed is not JSON: {e}")))?;
        if !page["items"].is_array() {
            return Err(problem("the previous feed has no `items` list: is it a JSON Feed?".into()));
        }
        let next = page["next_url"].as_str().and_then(|u| u.rsplit('/').next()).map(str::to_string);
        pages.push(page);
        match next {
            Some(name) if !name.is_empty() && pages.len() < 10_000 => path = first.with_file_name(name),
            _ => return Ok(pages),
        }
    }
}
