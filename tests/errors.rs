//! Bad input: every error of a run is reported at once, with file, line, field and a hint,
//! the exit code is non-zero, and nothing panics.

mod common;
use common::*;
use jobsite::diagnostics::Diagnostic;

fn errors() -> Vec<Diagnostic> {
    let out = tempfile::tempdir().unwrap();
    build_with(&fixture_path("invalid"), &out.path().join("p"), rules(NOW)).unwrap_err().0
}

fn find<'a>(all: &'a [Diagnostic], file: &str) -> &'a Diagnostic {
    all.iter().find(|d| d.file == file).unwrap_or_else(|| panic!("no error for {file} in {all:#?}"))
}

#[test]
fn every_error_is_reported_in_one_run() {
    assert_eq!(errors().len(), 14, "{:#?}", errors());
}

#[test]
fn unknown_key_names_line_and_suggests_the_right_key() {
    let all = errors();
    let d = find(&all, "content/jobs/typo-key.md");
    assert_eq!((d.line, d.field.as_deref()), (12, Some("closing")));
    assert_eq!(d.message, "unknown key `closing`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `closes`?"));
}

#[test]
fn a_misspelt_key_hides_no_other_mistake_in_its_file() {
    let all = errors();
    let found: Vec<(usize, Option<&str>, &str)> = all
        .iter()
        .filter(|d| d.file == "content/jobs/three-mistakes.md")
        .map(|d| (d.line, d.field.as_deref(), d.message.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (10, Some("contract"), "unknown contract type `permanant`"),
            (11, Some("hybird"), "unknown key `hybird`"),
            (13, Some("closes"), "`2026-02-30` is not a real date: February 2026 has 28 days"),
        ]
    );
    let typo = all.iter().filter(|d| d.file == "content/jobs/typo-key.md").collect::<Vec<_>>();
    assert_eq!(typo.len(), 1, "a misspelt `closes` is not also reported missing: {typo:#?}");
}

#[test]
fn unknown_team_suggests_the_nearest_team() {
    let all = errors();
    let d = find(&all, "content/jobs/bad-team.md");
    assert_eq!((d.line, d.field.as_deref()), (5, Some("team")));
    assert_eq!(d.hint.as_deref(), Some("did you mean `Looked After Children`?"));
}

#[test]
fn invalid_yaml_is_an_error_with_a_line() {
    let all = errors();
    let d = find(&all, "content/jobs/bad-yaml.md");
    assert!(d.message.starts_with("the front matter is not valid YAML"), "{}", d.message);
    assert!(d.line >= 2 && d.line <= 3);
}

#[test]
fn impossible_date_is_named() {
    let all = errors();
    let d = find(&all, "content/jobs/bad-date.md");
    assert_eq!((d.line, d.field.as_deref()), (12, Some("closes")));
    assert!(d.message.contains("`2026-02-29` is not a real date"));
}

#[test]
fn duplicate_reference_names_both_files() {
    let all = errors();
    let d = find(&all, "content/jobs/dup-b.md");
    assert_eq!((d.line, d.field.as_deref()), (3, Some("reference")));
    assert!(d.message.contains("content/jobs/dup-a.md"));
}

#[test]
fn unknown_campaign_and_benefit_are_errors_with_suggestions() {
    let all = errors();
    let refs: Vec<_> = all.iter().filter(|d| d.file == "content/jobs/bad-refs.md").collect();
    assert_eq!(refs.len(), 2);
    assert_eq!((refs[0].line, refs[0].hint.as_deref()), (14, Some("did you mean `spring`?")));
    assert_eq!((refs[1].line, refs[1].hint.as_deref()), (16, Some("did you mean `pay`?")));
}

#[test]
fn missing_required_key_is_named() {
    let all = errors();
    let d = find(&all, "content/jobs/missing-title.md");
    assert_eq!(d.message, "missing required key `title`");
}

#[test]
fn non_utf8_file_is_an_error_not_a_panic() {
    let all = errors();
    assert_eq!(find(&all, "content/jobs/latin1.md").message, "this file is not UTF-8 text");
}

#[test]
fn an_empty_advert_is_an_error() {
    let all = errors();
    assert_eq!(find(&all, "content/jobs/empty-advert.md").message, "the advert is empty");
}

#[test]
fn story_with_a_film_and_no_transcript_is_an_error() {
    let all = errors();
    let d = find(&all, "content/stories/no-transcript.md");
    assert_eq!(d.field.as_deref(), Some("video"));
    assert!(d.message.contains("needs a transcript"));
}

#[test]
fn failed_build_exits_non_zero_and_prints_every_error() {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("p");
    let build = || {
        jobsite(&[
            "build",
            "--root",
            fixture_path("invalid").to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
            "--now",
            NOW,
        ])
    };
    let run = build();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains(
            "error: content/jobs/typo-key.md:12:1: `closing`: unknown key `closing`\n  hint: did you mean `closes`?"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Build failed with 14 errors; nothing was written."), "{stderr}");
    assert!(!output.exists(), "nothing is written");
    std::fs::create_dir_all(&output).unwrap();
    let again = build();
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("Build failed with 14 errors; the previous site was left as it was."), "{stderr}");
    assert!(!stderr.contains("panicked"));
    assert!(!output.join("index.html").exists());
}

#[test]
fn missing_site_folder_is_explained() {
    let run = jobsite(&["build", "--root", "/nonexistent/site", "--now", NOW]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("site.yaml"));
}

/// The basic fixture with `lines` put in `open-fostering.md` in place of line `at` (1-based),
/// built: the first error.
fn first_error_with(at: usize, lines: &str) -> Diagnostic {
    let site = copy_fixture("basic");
    let path = site.path().join("content/jobs/open-fostering.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut all: Vec<&str> = text.lines().collect();
    all.splice(at - 1..at, lines.lines());
    std::fs::write(&path, all.join("\n") + "\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), &out.path().join("p"), rules(NOW)).unwrap_err().0.remove(0)
}

#[test]
fn yaml_slips_are_explained_in_plain_english_at_the_line_of_the_mistake() {
    // Line 2 is `title: …`, line 3 `reference: T-001` and line 16 `benefits: [pay]`.
    let cases = [
        (
            2,
            "title: Social Worker: Children with Disabilities",
            2,
            "the text of `title` has a colon and a space, which YAML reads as the start of another key",
            "put the text in quotes: `title: \"Social Worker: Children with Disabilities\"`",
        ),
        (
            2,
            "title: \"Social Worker",
            2,
            "the quote that opens `title` is never closed",
            "end the text with the same quote: `title: \"Social Worker\"`",
        ),
        (
            3,
            "reference: T-001\ncontact:\n\tname: Sam",
            5,
            "this line is indented with a tab, which YAML does not allow",
            "indent with spaces instead: `  name: Sam`",
        ),
        (
            3,
            "reference: T-001\ninterviews:\n  - 2026-12-15\n  2026-12-16",
            6,
            "this line is in a list but does not start with a dash",
            "start each item with a dash and a space, lined up with the others: `- 2026-12-16`",
        ),
        (
            2,
            "title:Social Worker",
            2,
            "there is no space after the colon of `title`",
            "put a space after the colon: `title: Social Worker`",
        ),
        (
            3,
            "reference: T-001\ntitle: Again",
            4,
            "`title` is written twice, on lines 2 and 4",
            "keep one `title:` line and delete the other",
        ),
        (
            16,
            "benefits: pension, leave",
            16,
            "expected a list of file names (without .md) from content/benefits/, not a single line of text",
            "write the items in square brackets, `benefits: [pension, leave]`, or one per line starting with `- `",
        ),
    ];
    for (at, lines, line, message, hint) in cases {
        let d = first_error_with(at, lines);
        assert_eq!((d.line, d.message.as_str(), d.hint.as_deref()), (line, message, Some(hint)), "{lines}");
    }
}
