//! The publishing workflow parses as YAML, runs on pushes and on a nightly schedule just after UK
//! midnight, and calls commands that exist with the flags they take.

mod common;
use common::*;

fn workflow() -> serde_json::Value {
    let text = read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), ".github/workflows/publish.yml");
    serde_saphyr::from_str(&text).expect("the workflow is valid YAML")
}

#[test]
fn the_workflow_runs_on_push_and_nightly_after_uk_midnight() {
    let w = workflow();
    let on = &w["on"];
    assert_eq!(on["push"]["branches"], serde_json::json!(["main"]));
    let crons: Vec<&str> = on["schedule"].as_array().unwrap().iter().map(|s| s["cron"].as_str().unwrap()).collect();
    assert_eq!(crons, ["5 0 * * *", "5 23 * * *"], "00:05 UTC in winter, 23:05 UTC in summer");
}

#[test]
fn the_workflow_checks_then_builds_then_deploys_with_commands_that_exist() {
    let w = workflow();
    let steps = w["jobs"]["build"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let check = runs.iter().position(|r| r.contains("jobsite check --format github")).expect("a check step");
    let build = runs.iter().position(|r| r.contains("jobsite build")).expect("a build step");
    assert!(check < build, "check runs before build");
    for run in runs.iter().filter(|r| r.contains("/jobsite ")) {
        let args: Vec<&str> = run.split_whitespace().skip(1).collect();
        let mut probe: Vec<&str> = args.clone();
        probe.push("--help");
        let out = jobsite(&probe);
        assert!(out.status.success(), "`{run}` is not a command jobsite has: {}", String::from_utf8_lossy(&out.stderr));
    }
    let uploads =
        steps.iter().any(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact")));
    assert!(uploads);
    assert!(w["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap().starts_with("actions/deploy-pages"));
}
