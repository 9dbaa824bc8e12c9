//! The publishing workflow parses as YAML, runs on pushes and every 15 minutes, publishes when
//! `changes` finds something, calls commands that exist with the flags they take, and its
//! notification step tells stand-ins for IndexNow and Google's Indexing API what changed; the
//! GitLab example in docs/publishing.md runs the same commands; Dependabot keeps actions current.

mod common;
use common::*;

fn workflow() -> serde_json::Value {
    let text = read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), ".github/workflows/publish.yml");
    serde_saphyr::from_str(&text).expect("the workflow is valid YAML")
}

#[test]
fn the_workflow_runs_on_push_and_every_quarter_hour_with_the_whole_history() {
    let w = workflow();
    let on = &w["on"];
    assert_eq!(on["push"]["branches"], serde_json::json!(["main"]));
    let crons: Vec<&str> = on["schedule"].as_array().unwrap().iter().map(|s| s["cron"].as_str().unwrap()).collect();
    assert_eq!(crons, ["*/15 * * * *"], "closings reach the boards within a quarter hour");
    let checkout = &w["jobs"]["build"]["steps"][0];
    assert!(checkout["uses"].as_str().unwrap().starts_with("actions/checkout@"));
    assert_eq!(checkout["with"]["fetch-depth"], 0, "commit times date adverts without `updated:`");
    assert_eq!(
        w["jobs"]["deploy"]["if"],
        "github.event_name != 'pull_request' && needs.build.outputs.publish == 'true'"
    );
}

#[test]
fn the_workflow_checks_then_builds_then_deploys_with_commands_that_exist() {
    let w = workflow();
    let steps = w["jobs"]["build"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let check = runs.iter().position(|r| r.contains("jobsite check --format github")).expect("a check step");
    let build = runs.iter().position(|r| r.contains("jobsite build")).expect("a build step");
    assert!(check < build, "check runs before build");
    let commands: Vec<&str> = runs
        .iter()
        .flat_map(|r| r.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("./target/release/jobsite "))
        .collect();
    assert!(commands.iter().any(|c| c.starts_with("./target/release/jobsite changes --previous")));
    for run in commands {
        let command = run.split('>').next().unwrap();
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
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

/// A stand-in for the search engines' endpoints: answers every request 200 and keeps
/// (request line, authorization header, body) for each.
fn endpoint() -> (u16, std::sync::mpsc::Receiver<(String, String, String)>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let (mut length, mut authorization) = (0, String::new());
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                if header.trim().is_empty() {
                    break;
                }
                let (name, value) = header.split_once(':').unwrap();
                match name.to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap(),
                    "authorization" => authorization = value.trim().to_string(),
                    _ => {}
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
            send.send((line.trim().to_string(), authorization, String::from_utf8(body).unwrap())).unwrap();
        }
    });
    (port, receive)
}

#[test]
fn the_notification_step_tells_indexnow_and_google_what_changed() {
    let w = workflow();
    let steps = w["jobs"]["notify"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["name"] == "Tell search engines what changed").expect("a notification step");
    let script = step["run"].as_str().unwrap();
    let (port, requests) = endpoint();
    let dir = tempfile::tempdir().unwrap();
    let changes = dir.path().join("changes.jsonl");
    std::fs::write(
        &changes,
        "{\"url\":\"https://careers.test.example/jobs/a/\",\"change\":\"added\"}\n\
         {\"url\":\"https://careers.test.example/jobs/b/\",\"change\":\"removed\"}\n",
    )
    .unwrap();
    let status = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CHANGES_FILE", &changes)
        .env("INDEXNOW_KEY", "0123456789abcdef")
        .env("INDEXNOW_ENDPOINT", format!("http://127.0.0.1:{port}/indexnow"))
        .env("GOOGLE_ACCESS_TOKEN", "token-from-the-auth-step")
        .env("GOOGLE_INDEXING_ENDPOINT", format!("http://127.0.0.1:{port}/v3/urlNotifications:publish"))
        .status()
        .expect("bash runs the step");
    assert!(status.success());
    // The stand-in records a request just after answering it: wait for each.
    let got: Vec<(String, String, String)> =
        (0..3).filter_map(|_| requests.recv_timeout(std::time::Duration::from_secs(10)).ok()).collect();
    assert_eq!(got.len(), 3, "{got:?}");
    let indexnow: serde_json::Value = serde_json::from_str(&got[0].2).unwrap();
    assert_eq!(got[0].0, "POST /indexnow HTTP/1.1");
    assert_eq!(
        indexnow,
        serde_json::json!({
            "host": "careers.test.example",
            "key": "0123456789abcdef",
            "keyLocation": "https://careers.test.example/0123456789abcdef.txt",
            "urlList": ["https://careers.test.example/jobs/a/", "https://careers.test.example/jobs/b/"],
        })
    );
    for (i, (url, kind)) in [
        ("https://careers.test.example/jobs/a/", "URL_UPDATED"),
        ("https://careers.test.example/jobs/b/", "URL_DELETED"),
    ]
    .iter()
    .enumerate()
    {
        let (line, authorization, body) = &got[i + 1];
        assert_eq!(line, "POST /v3/urlNotifications:publish HTTP/1.1");
        assert_eq!(authorization, "Bearer token-from-the-auth-step");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(body).unwrap(),
            serde_json::json!({"url": url, "type": kind})
        );
    }
    // With no key and no token configured, nothing is sent and the step passes.
    let quiet = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CHANGES_FILE", &changes)
        .env_remove("INDEXNOW_KEY")
        .env_remove("GOOGLE_ACCESS_TOKEN")
        .env("INDEXNOW_ENDPOINT", format!("http://127.0.0.1:{port}/indexnow"))
        .env("GOOGLE_INDEXING_ENDPOINT", format!("http://127.0.0.1:{port}/v3/urlNotifications:publish"))
        .status()
        .unwrap();
    assert!(quiet.success());
    assert_eq!(requests.recv_timeout(std::time::Duration::from_millis(300)).ok(), None);
}

/// The lines of the `.gitlab-ci.yml` example in docs/publishing.md.
fn gitlab_example() -> serde_json::Value {
    let docs = read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), "docs/publishing.md");
    let start = docs.find("```yaml\n# .gitlab-ci.yml\n").expect("docs/publishing.md has the GitLab example");
    let block = &docs[start + "```yaml\n".len()..];
    serde_saphyr::from_str(&block[..block.find("```").unwrap()]).expect("the GitLab example is valid YAML")
}

/// The commands a step list runs that matter for publishing: jobsite's and the shared scripts'.
fn publishing_commands<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    lines
        .map(str::trim)
        .filter(|l| l.starts_with("./target/release/jobsite ") || l.starts_with("python3 scripts/"))
        .map(|l| l.replace(" --format github", ""))
        .collect()
}

#[test]
fn the_gitlab_example_runs_what_the_github_workflow_runs() {
    let github = workflow();
    let steps = ["build", "notify"]
        .iter()
        .flat_map(|job| github["jobs"][job]["steps"].as_array().unwrap().clone())
        .collect::<Vec<_>>();
    let github_commands = publishing_commands(steps.iter().filter_map(|s| s["run"].as_str()).flat_map(str::lines));
    let gitlab = gitlab_example();
    let scripts: Vec<&str> = ["pages", "notify"]
        .iter()
        .flat_map(|job| gitlab[job]["script"].as_array().expect("a script").iter().filter_map(|l| l.as_str()))
        .collect();
    let gitlab_commands = publishing_commands(scripts.into_iter());
    assert_eq!(gitlab_commands, github_commands);
    assert!(github_commands.iter().any(|c| c.starts_with("python3 scripts/notify-search-engines")));
    assert_eq!(gitlab["variables"]["GIT_DEPTH"], 0, "the whole history, as the GitHub workflow's fetch-depth: 0");
    for script in ["scripts/download-published-feed", "scripts/notify-search-engines"] {
        assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(script).is_file(), "{script}");
    }
}

#[test]
fn dependabot_keeps_every_action_current() {
    let text = read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")), ".github/dependabot.yml");
    let config: serde_json::Value = serde_saphyr::from_str(&text).expect("dependabot.yml is valid YAML");
    assert_eq!(config["version"], 2);
    let updates = config["updates"].as_array().unwrap();
    let actions = updates.iter().find(|u| u["package-ecosystem"] == "github-actions").expect("actions are updated");
    assert_eq!(actions["directory"], "/", "the workflows under .github/workflows/");
    assert!(["daily", "weekly", "monthly"].contains(&actions["schedule"]["interval"].as_str().unwrap()));
}
