//! The shape of the code, checked: layers import only downwards, modules import each other in
//! no circle, every file says its one responsibility, and only `routes` writes site addresses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: [&str; 4] = ["input", "model", "output", "commands"];

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path: PathBuf = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                files.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// The code of a file without its unit tests.
fn without_tests(text: &str) -> &str {
    text.split("#[cfg(test)]\nmod tests").next().unwrap()
}

/// `output/pages/jobs.rs` → `output/pages`: the module a file belongs to, one level under its layer.
fn module_of(rel: &str) -> Option<String> {
    let mut parts = rel.trim_end_matches(".rs").split('/');
    let layer = parts.next()?;
    let name = parts.next()?;
    LAYERS.contains(&layer).then(|| format!("{layer}/{name}"))
}

/// Every `crate::layer::module` a text names.
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + 7..];
        let path: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        let mut parts = path.split("::");
        if let (Some(layer), Some(name)) = (parts.next(), parts.next()) {
            if LAYERS.contains(&layer) && !name.is_empty() {
                found.insert(format!("{layer}/{name}"));
            }
        }
    }
    found
}

#[test]
fn layers_import_only_the_layers_below_them() {
    let mut upward = Vec::new();
    for (rel, text) in sources() {
        let Some(own) = module_of(&rel) else { continue };
        let rank = |m: &str| LAYERS.iter().position(|l| m.starts_with(&format!("{l}/"))).unwrap();
        for target in imports(&text) {
            if rank(&target) > rank(&own) {
                upward.push(format!("{rel} imports {target}"));
            }
        }
    }
    assert!(upward.is_empty(), "imports running back up:\n{}", upward.join("\n"));
}

#[test]
fn no_two_modules_import_each_other_even_through_others() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (rel, text) in sources() {
        let Some(own) = module_of(&rel) else { continue };
        let targets: Vec<String> = imports(without_tests(&text)).into_iter().filter(|t| *t != own).collect();
        graph.entry(own).or_default().extend(targets);
    }
    let circles = in_circles(&graph);
    assert!(circles.is_empty(), "modules in an import circle: {circles:?}");
}

/// The nodes of `graph` from which a path of imports leads back to themselves (a depth-first
/// search from each).
fn in_circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<&String> {
    fn reach(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str, seen: &mut BTreeSet<String>) -> bool {
        graph
            .get(from)
            .into_iter()
            .flatten()
            .any(|next| next == to || (seen.insert(next.clone()) && reach(graph, next, to, seen)))
    }
    graph.keys().filter(|m| reach(graph, m, m, &mut BTreeSet::new())).collect()
}

/// `output/pages/jobs.rs` → `output/pages/jobs`, `output/pages/mod.rs` → `output/pages`: the
/// module a file is, at any depth.
fn file_module(rel: &str) -> String {
    let path = rel.trim_end_matches(".rs");
    let path = path.strip_suffix("/mod").unwrap_or(path);
    if matches!(path, "lib" | "main") {
        String::new()
    } else {
        path.to_string()
    }
}

/// Every module (at any depth) that the code of module `own` names: `crate::a::b`, `super::b`,
/// `self::b`, and each path inside a `{…}` group, resolved to the longest module it names. A
/// folder's `mod.rs` naming its own files by their bare names (`mod jobs; pub use jobs::…`) is
/// the folder being made of them, not an import.
fn imports_at_any_depth(own: &str, text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let own_parts: Vec<&str> = if own.is_empty() { Vec::new() } else { own.split('/').collect() };
    let resolve = |parts: &[String]| -> Option<String> {
        (1..=parts.len()).rev().map(|n| parts[..n].join("/")).find(|m| modules.contains(m))
    };
    let mut found = BTreeSet::new();
    let bytes = text.as_bytes();
    let word_start =
        |i: usize| i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let head = ["crate::", "super::", "self::"].into_iter().find(|h| rest.starts_with(h) && word_start(i));
        let (mut base, skip): (Vec<String>, usize) = match head {
            Some("crate::") => (Vec::new(), 7),
            Some("super::") => {
                (own_parts[..own_parts.len().saturating_sub(1)].iter().map(|s| s.to_string()).collect(), 7)
            }
            Some(_) => (own_parts.iter().map(|s| s.to_string()).collect(), 6),
            None => {
                i += rest.chars().next().map_or(1, char::len_utf8);
                continue;
            }
        };
        let path: String = rest[skip..].chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        let mut parts: Vec<String> = Vec::new();
        for part in path.split("::").filter(|p| !p.is_empty()) {
            if part == "super" && parts.is_empty() {
                base.pop();
            } else {
                parts.push(part.to_string());
            }
        }
        let after = &rest[skip + path.len()..];
        let mut paths = vec![parts.clone()];
        if path.ends_with("::") && after.starts_with('{') {
            let group = &after[1..after.find('}').unwrap_or(after.len())];
            paths = group
                .split(',')
                .map(|g| parts.iter().cloned().chain(g.split("::").map(|p| p.trim().to_string())).collect())
                .collect();
        }
        for p in paths {
            let full: Vec<String> = base.iter().cloned().chain(p).filter(|p| !p.is_empty()).collect();
            if let Some(m) = resolve(&full).filter(|m| m != own) {
                found.insert(m);
            }
        }
        i += skip.max(1) + path.len();
    }
    found
}

#[test]
fn no_two_files_import_each_other_even_through_others_at_any_depth() {
    let files = sources();
    let modules: BTreeSet<String> = files.iter().map(|(rel, _)| file_module(rel)).filter(|m| !m.is_empty()).collect();
    let graph: BTreeMap<String, BTreeSet<String>> = files
        .iter()
        .map(|(rel, text)| {
            let own = file_module(rel);
            let targets = imports_at_any_depth(&own, without_tests(text), &modules);
            (own, targets)
        })
        .collect();
    let circles = in_circles(&graph);
    assert!(circles.is_empty(), "files in an import circle: {circles:?}");
}

#[test]
fn output_s_disk_folder_stands_alone_and_only_the_build_command_uses_it() {
    let files = sources();
    let modules: BTreeSet<String> = files.iter().map(|(rel, _)| file_module(rel)).filter(|m| !m.is_empty()).collect();
    let mut wrong = Vec::new();
    for (rel, text) in &files {
        let own = file_module(rel);
        for target in imports_at_any_depth(&own, without_tests(text), &modules) {
            let from_disk = own.starts_with("output/disk");
            let to_disk = target.starts_with("output/disk");
            if from_disk && target.starts_with("output/") && !to_disk {
                wrong.push(format!("{rel} (in output/disk) imports {target}"));
            }
            if to_disk && !from_disk && !matches!(own.as_str(), "commands/build" | "") {
                wrong.push(format!("{rel} imports {target}, which only the build command uses"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn imports_through_super_self_and_groups_are_seen() {
    let modules: BTreeSet<String> =
        ["output", "output/views", "output/site_view", "output/pages", "output/pages/jobs", "model", "model/publish"]
            .into_iter()
            .map(String::from)
            .collect();
    let found = imports_at_any_depth(
        "output/views",
        "pub use super::site_view::{PageMeta};\nuse crate::model::publish::Rules;\nuse crate::output::{pages::jobs, views};",
        &modules,
    );
    assert_eq!(found, ["model/publish", "output/pages/jobs", "output/site_view"].map(String::from).into());
    let found = imports_at_any_depth("output/pages", "mod jobs; use jobs::render; self::jobs::x", &modules);
    assert_eq!(found, ["output/pages/jobs"].map(String::from).into());
}

#[test]
fn every_file_starts_by_saying_what_it_is_for() {
    let missing: Vec<String> =
        sources().into_iter().filter(|(_, text)| !text.starts_with("//!")).map(|(rel, _)| rel).collect();
    assert!(missing.is_empty(), "files without a //! line: {missing:?}");
}

/// `line` without any `https://…` or `http://…` address (up to the next space or quote).
fn without_absolute_addresses(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("http") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        if after.starts_with("https://") || after.starts_with("http://") {
            let end = after.find([' ', '"', ')', ']']).unwrap_or(after.len());
            rest = &after[end..];
        } else {
            out.push_str("http");
            rest = &after[4..];
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn only_routes_writes_a_site_address() {
    assert_eq!(without_absolute_addresses("a \"https://x.example/jobs/feed.json\" /jobs"), "a \"\" /jobs");
    let sections = [
        "\"/jobs",
        "\"/campaigns",
        "\"/stories",
        "\"/benefits",
        "\"/news",
        "\"/events",
        "feed.xml",
        "feed.json",
        "sitemap.xml",
    ];
    let mut found = Vec::new();
    for (rel, text) in sources() {
        if rel == "output/routes.rs" || rel.starts_with("commands/serve/") {
            continue;
        }
        for (n, line) in without_tests(&text).lines().enumerate() {
            // An absolute address names another site (a council's feed on a portal), not this one.
            let own = without_absolute_addresses(line);
            if !line.trim_start().starts_with("//") && sections.iter().any(|s| own.contains(s)) {
                found.push(format!("{rel}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "addresses written outside routes:\n{}", found.join("\n"));
}
