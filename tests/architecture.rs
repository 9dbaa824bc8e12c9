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
    // Depth-first search for a path back to where it started.
    fn reach(graph: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str, seen: &mut BTreeSet<String>) -> bool {
        graph
            .get(from)
            .into_iter()
            .flatten()
            .any(|next| next == to || (seen.insert(next.clone()) && reach(graph, next, to, seen)))
    }
    let circles: Vec<&String> = graph.keys().filter(|m| reach(&graph, m, m, &mut BTreeSet::new())).collect();
    assert!(circles.is_empty(), "modules in an import circle: {circles:?}");
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
