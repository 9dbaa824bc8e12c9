//! `jobsite report` on a fixture with known figures, in all three formats.

mod common;
use common::*;

fn report(format: &str) -> String {
    let root = fixture_path("basic");
    let out = jobsite(&["report", "--root", root.to_str().unwrap(), "--now", NOW, "--format", format]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_figures_are_right() {
    let r: serde_json::Value = serde_json::from_str(&report("json")).unwrap();
    assert_eq!(r["open"], 3, "draft, internal, scheduled and closed vacancies are not open");
    assert_eq!(r["levels"], serde_json::json!(["Social Worker (ASYE)", "Team Manager"]));
    assert_eq!(
        r["by_team_and_level"][0],
        serde_json::json!({"team": "Assessment & Child Protection", "open": [0, 1], "total": 1})
    );
    assert_eq!(r["by_team_and_level"][1], serde_json::json!({"team": "Fostering", "open": [1, 1], "total": 2}));
    assert_eq!(
        r["by_location"],
        serde_json::json!([{"name": "Town Hall", "open": 3}, {"name": "Riverside", "open": 1}])
    );
    assert_eq!(r["by_contract"][0], serde_json::json!({"name": "Permanent", "open": 2}));
    assert_eq!(r["by_contract"][1], serde_json::json!({"name": "Fixed term", "open": 1}));
    let first = &r["open_vacancies"][1];
    assert_eq!(
        (first["reference"].as_str(), first["days_since_posted"].as_i64(), first["days_to_closing"].as_i64()),
        (Some("T-001"), Some(21), Some(15))
    );
    let soon: Vec<_> =
        r["closing_within_7_days"].as_array().unwrap().iter().map(|l| l["reference"].as_str().unwrap()).collect();
    assert_eq!(soon, ["T-006"]);
    assert_eq!(r["closing_within_7_days"][0]["days_to_closing"], 0);
    let closed: Vec<_> =
        r["closed_in_last_30_days"].as_array().unwrap().iter().map(|l| l["reference"].as_str().unwrap()).collect();
    assert_eq!(closed, ["T-002"]);
    assert_eq!(
        r["campaigns"],
        serde_json::json!([{"title": "Spring campaign", "open": ["T-001"], "closed": ["T-002"]}])
    );
}

#[test]
fn a_vacancy_closed_more_than_30_days_ago_is_left_out() {
    let root = fixture_path("basic");
    let out =
        jobsite(&["report", "--root", root.to_str().unwrap(), "--now", "2026-12-16T12:00:00Z", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let closed: Vec<_> =
        r["closed_in_last_30_days"].as_array().unwrap().iter().map(|l| l["reference"].as_str().unwrap()).collect();
    assert!(!closed.contains(&"T-002"), "closed on 15 November, 31 days before");
    assert!(closed.contains(&"T-001") && closed.contains(&"T-006"));
}

#[test]
fn markdown_csv_and_json_are_exact() {
    assert_snapshot("report/basic.md", &report("md"));
    assert_snapshot("report/basic.csv", &report("csv"));
    assert_snapshot("report/basic.json", &report("json"));
}

#[test]
fn csv_cells_cannot_become_spreadsheet_formulas() {
    let site = copy_fixture("basic");
    let path = site.path().join("content/jobs/open-fostering.md");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("title: Fostering Social Worker", "title: \"=HYPERLINK(\\\"http://x\\\")\"");
    std::fs::write(&path, text).unwrap();
    let out = jobsite(&["report", "--root", site.path().to_str().unwrap(), "--now", NOW, "--format", "csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[test]
fn an_internal_report_counts_internal_roles_separately() {
    let root = fixture_path("basic");
    let run = |extra: &[&str]| {
        let mut args = vec!["report", "--root", root.to_str().unwrap(), "--now", NOW, "--format", "json"];
        args.extend_from_slice(extra);
        let out = jobsite(&args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let public = run(&[]);
    assert_eq!((public["open"].as_u64(), public["open_internal_only"].as_u64()), (Some(3), Some(0)));
    let internal = run(&["--internal"]);
    assert_eq!((internal["open"].as_u64(), internal["open_internal_only"].as_u64()), (Some(4), Some(1)));
    let out = jobsite(&["report", "--root", root.to_str().unwrap(), "--now", NOW, "--internal"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("4 open vacancies, of which 1 for internal applicants only."), "{text}");
}
