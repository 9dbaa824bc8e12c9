//! Lints on the markdown of one content file: links that lead nowhere, images without alt text,
//! headings that skip a level, link text that says nothing, and placeholders left to fill in.

use crate::diagnostics::Diagnostic;
use crate::input::markdown::{Excess, MarkKind, Rendered, MAX_HEADINGS, PLACEHOLDER};
use crate::input::safe_html::MAX_NESTING;
use std::collections::HashMap;
use std::sync::Arc;

/// The built site, for checking where links lead.
pub struct SiteIndex {
    /// Shared with the preview's snapshot, which lints without copying its pages.
    files: HashMap<String, Arc<Vec<u8>>>,
    /// Pages not built because their files have errors: links to them (and their anchors) are
    /// taken on trust until they are fixed.
    assumed: std::collections::HashSet<String>,
}

impl SiteIndex {
    pub fn new(files: impl IntoIterator<Item = (String, Arc<Vec<u8>>)>) -> Self {
        SiteIndex { files: files.into_iter().collect(), assumed: Default::default() }
    }

    /// Takes the page at `path` (such as `/jobs/x/`) to exist without having it.
    pub(super) fn assume(&mut self, path: &str) {
        self.assume_file(&format!("{}index.html", path.trim_start_matches('/')));
    }

    /// Takes the output file `file` (such as `jobs/x/index.html`) to exist without having it.
    pub(super) fn assume_file(&mut self, file: &str) {
        self.assumed.insert(file.to_string());
    }

    /// The output file a site path refers to, if the site has one.
    pub(super) fn file_for(&self, path: &str) -> Option<&str> {
        let key = path.trim_start_matches('/');
        let candidates = if key.is_empty() || key.ends_with('/') {
            vec![format!("{key}index.html")]
        } else {
            vec![key.to_string(), format!("{key}/index.html")]
        };
        candidates.into_iter().find_map(|c| {
            self.files.get_key_value(&c).map(|(k, _)| k.as_str()).or_else(|| self.assumed.get(&c).map(String::as_str))
        })
    }

    fn has_id(&self, file: &str, id: &str) -> bool {
        if self.assumed.contains(file) {
            return true;
        }
        let needle = format!("id=\"{id}\"");
        self.files.get(file).is_some_and(|html| html.windows(needle.len()).any(|w| w == needle.as_bytes()))
    }
}

/// Where a link points, once resolved against the page it is on.
enum Target {
    External,
    Internal { path: String, fragment: Option<String> },
}

fn classify(dest: &str, page: &str) -> Target {
    let lower = dest.to_ascii_lowercase();
    if lower.contains(':') || dest.starts_with("//") {
        return Target::External;
    }
    let base = url::Url::parse("http://site.invalid/").and_then(|b| b.join(page));
    match base.and_then(|b| b.join(dest)) {
        Ok(u) => Target::Internal {
            path: percent_encoding::percent_decode_str(u.path()).decode_utf8_lossy().into_owned(),
            fragment: u.fragment().map(str::to_string),
        },
        Err(_) => Target::External,
    }
}

const VAGUE_LINK_TEXT: [&str; 9] =
    ["click here", "here", "read more", "more", "this link", "link", "click", "find out more", "more info"];

/// Lints a content file's rendered body, published at site path `page`, from the marks made
/// while it was rendered (the file is not read again).
pub fn lint(file: &str, body: &Rendered, page: &str, site: &SiteIndex) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let page_file = site.file_for(page);
    let mut previous_heading = 1u8;
    for mark in &body.marks {
        let (line, column) = (mark.line, mark.column);
        match &mark.kind {
            MarkKind::Placeholder => found.push(
                Diagnostic::warning(file, "this line still has a placeholder to fill in")
                    .at(line, column)
                    .rule("placeholder")
                    .hint(format!("replace the value marked {PLACEHOLDER}, then delete the marker")),
            ),
            MarkKind::RawHtml { html } => removed_html(file, html, (line, column), &mut found),
            MarkKind::TooMuch { what: Excess::Headings, found: count } => found.push(
                Diagnostic::warning(
                    file,
                    format!("this page has {count} headings; only the first {MAX_HEADINGS} get a link of their own"),
                )
                .at(line, column)
                .rule("too-long")
                .hint("split the text into shorter pages, or make most of these headings bold text"),
            ),
            MarkKind::TooMuch { what: Excess::Nesting, found: depth } => found.push(
                Diagnostic::warning(
                    file,
                    format!(
                        "the HTML in this page is nested {depth} levels deep (the limit is {MAX_NESTING}), so the page is published as plain text"
                    ),
                )
                .at(line, column)
                .rule("removed-html")
                .hint("write the text in markdown, or use far fewer elements inside each other"),
            ),
            MarkKind::Refused { what, dest } => refused_address(file, what, dest, (line, column), &mut found),
            MarkKind::Link { dest, text } => {
                lint_link(file, dest, text, page, page_file, site, (line, column), &mut found)
            }
            MarkKind::Image { alt, .. } => {
                if alt.trim().is_empty() {
                    found.push(
                        Diagnostic::error(file, "this image has no alt text")
                            .at(line, column)
                            .rule("image-alt")
                            .hint("describe the image between the square brackets: ![Two social workers talking](/images/x.jpg)"),
                    );
                }
            }
            MarkKind::Heading { level, dropped } => {
                for name in dropped {
                    found.push(
                        Diagnostic::warning(file, format!("the heading attribute `{name}` was removed"))
                            .at(line, column)
                            .rule("removed-html")
                            .hint("headings may set only an anchor and classes: ## Pay {#pay .highlight}"),
                    );
                }
                let level = *level;
                if level == 1 {
                    found.push(
                        Diagnostic::warning(file, "the page already has its main heading (the title)")
                            .at(line, column)
                            .rule("heading-level")
                            .hint("start headings in the text at ## (level 2)"),
                    );
                } else if level > previous_heading + 1 {
                    found.push(
                        Diagnostic::warning(
                            file,
                            format!("this heading skips from level {previous_heading} to level {level}"),
                        )
                        .at(line, column)
                        .rule("heading-level")
                        .hint(format!(
                            "use {} here, so screen-reader users can follow the outline",
                            "#".repeat(previous_heading as usize + 1)
                        )),
                    );
                }
                previous_heading = level;
            }
        }
    }
    found
}

/// A finding for each element, attribute or address the HTML policy takes out of `html`, raw
/// HTML that starts at `(line, column)` of the file.
fn removed_html(file: &str, html: &str, (line, column): (usize, usize), found: &mut Vec<Diagnostic>) {
    for removal in crate::input::safe_html::inspect(html) {
        let at = if removal.line == 0 { (line, column) } else { (line + removal.line, 1) };
        found.push(Diagnostic::warning(file, removal.message).at(at.0, at.1).rule("removed-html").hint(removal.hint));
    }
}

fn refused_address(file: &str, what: &str, dest: &str, (line, column): (usize, usize), found: &mut Vec<Diagnostic>) {
    let reason = crate::input::address::classify(dest).err().map(|r| r.reason).unwrap_or_default();
    let kept = if what == "link" { "its text is kept, without the link" } else { "it is left out" };
    found.push(
        Diagnostic::warning(file, format!("this {what}'s address was removed ({kept}): {reason}"))
            .at(line, column)
            .rule("unsafe-address")
            .hint("use a web address starting with https://, a mailto: or tel: address, or a path on this site"),
    );
}

#[allow(clippy::too_many_arguments)]
fn lint_link(
    file: &str,
    dest: &str,
    text: &str,
    page: &str,
    page_file: Option<&str>,
    site: &SiteIndex,
    (line, column): (usize, usize),
    found: &mut Vec<Diagnostic>,
) {
    let words = text.trim().trim_end_matches(['.', '!', ':']).to_lowercase();
    if VAGUE_LINK_TEXT.contains(&words.as_str()) {
        found.push(
            Diagnostic::warning(file, format!("the link text \"{}\" does not say where the link goes", text.trim()))
                .at(line, column)
                .rule("link-text")
                .hint("use words that make sense on their own, such as \"read about our ASYE programme\""),
        );
    } else if words.starts_with("http://") || words.starts_with("https://") || words.starts_with("www.") {
        found.push(
            Diagnostic::warning(file, "the link text is a bare web address")
                .at(line, column)
                .rule("link-text")
                .hint("write what the link is for as its text: [Apply on our jobs portal](https://…)"),
        );
    }
    let Target::Internal { path, fragment } = classify(dest, page) else { return };
    let same_page = dest.starts_with('#');
    let target_file = if same_page { page_file.map(str::to_string) } else { site.file_for(&path).map(str::to_string) };
    match (&target_file, &fragment) {
        (None, _) if !same_page => found.push(
            Diagnostic::error(file, format!("the link to `{dest}` leads nowhere: the site has no page at {path}"))
                .at(line, column)
                .rule("broken-link")
                .hint("check the address; pages are at /jobs/<file name>/, /benefits/, /<page file name>/ and so on"),
        ),
        (Some(target), Some(id)) if !id.is_empty() && !site.has_id(target, id) => found.push(
            Diagnostic::error(file, format!("the link to `{dest}` leads nowhere: there is no `#{id}` on that page"))
                .at(line, column)
                .rule("broken-link")
                .hint("anchors are made from headings: \"## How to apply\" becomes #how-to-apply"),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteIndex {
        SiteIndex::new([
            ("jobs/index.html".to_string(), Arc::new(b"<h1 id=\"top\">".to_vec())),
            ("benefits/index.html".to_string(), Arc::new(b"<section id=\"pay\">".to_vec())),
            ("jobs/x/index.html".to_string(), Arc::new(b"<h2 id=\"about-the-role\">".to_vec())),
        ])
    }

    /// The body of a whole file's text, rendered as the loader renders it.
    fn body(source: &str) -> Rendered {
        let split = crate::input::frontmatter::split(source).unwrap();
        crate::input::markdown::render_file_body(split.body, split.body_first_line, source)
    }

    fn rules(source: &str) -> Vec<(String, usize)> {
        lint("content/jobs/x.md", &body(source), "/jobs/x/", &site())
            .into_iter()
            .map(|d| (d.rule.unwrap().to_string(), d.line))
            .collect()
    }

    #[test]
    fn links_that_lead_nowhere_are_errors_with_their_line() {
        let src = "---\ntitle: x\n---\nSee [jobs](/jobs/) and [pay](/benefits/#pay).\n\n[Gone](/jobs/gone/) [bad anchor](/benefits/#nope) [here too](#about-the-role) [missing](#nowhere) [up](../)\n";
        assert_eq!(
            rules(src),
            [("broken-link".to_string(), 6), ("broken-link".to_string(), 6), ("broken-link".to_string(), 6)]
        );
    }

    #[test]
    fn images_need_alt_text_and_headings_go_one_level_at_a_time() {
        let src = "---\ntitle: x\n---\n![](/a.png)\n\n## One\n\n#### Three\n\n# Top\n";
        assert_eq!(
            rules(src),
            [("image-alt".to_string(), 4), ("heading-level".to_string(), 8), ("heading-level".to_string(), 10)]
        );
    }

    #[test]
    fn vague_link_text_and_bare_addresses_are_warnings() {
        let src = "---\ntitle: x\n---\n[Click here](https://a.example) [https://a.example](https://a.example) [Read about pay](/benefits/)\n";
        assert_eq!(rules(src), [("link-text".to_string(), 4), ("link-text".to_string(), 4)]);
    }

    #[test]
    fn removed_html_and_refused_addresses_are_reported_at_their_lines() {
        let src = "---\ntitle: x\n---\nText <span onclick=\"x()\">s</span>\n\n<div>\n<script>alert(1)</script>\n</div>\n\n[a](javascript:alert(1)) ![b](data:image/png;base64,AA)\n\n## H {onfocus=x}\n";
        let found = lint("content/jobs/x.md", &body(src), "/jobs/x/", &site());
        let got: Vec<_> = found.iter().map(|d| (d.rule.unwrap(), d.line, d.message.as_str())).collect();
        assert_eq!(
            got,
            [
                ("removed-html", 4, "the `onclick` attribute of `<span>` was removed"),
                ("removed-html", 7, "the `<script>` element and its content were removed: it is not allowed in content"),
                ("unsafe-address", 10, "this link's address was removed (its text is kept, without the link): `javascript:` addresses are not published"),
                ("unsafe-address", 10, "this image's address was removed (it is left out): `data:` addresses are not published"),
                ("removed-html", 12, "the heading attribute `onfocus` was removed"),
            ]
        );
    }

    #[test]
    fn placeholders_are_found_outside_comments() {
        let src = "---\n# Fill in each line marked REPLACE-ME.\ntitle: x # REPLACE-ME\n---\nREPLACE-ME: the advert\n";
        assert_eq!(rules(src), [("placeholder".to_string(), 3), ("placeholder".to_string(), 5)]);
    }
}
