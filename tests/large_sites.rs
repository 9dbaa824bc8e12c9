//! A generated site with more vacancies than one page of the JSON Feed holds: the feed of every
//! vacancy is split into pages linked by `next_url`, and the publish workflow downloads them all
//! for `changes`. (The sitemap's split at 50,000 addresses and 50 MB is tested on planned pages in
//! `src/output/feeds/sitemap.rs`.)

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// More than two pages of the feed of every vacancy (1,000 items each).
const VACANCIES: usize = 2_345;

/// A copy of the `paged` fixture published at `base_url` with `VACANCIES` generated vacancies,
/// posted over 40 days so that many share a day and the feed's tie-break by reference matters.
fn generated_site(base_url: &str) -> tempfile::TempDir {
    let dir = copy_fixture("paged");
    let jobs = dir.path().join("content/jobs");
    std::fs::remove_dir_all(&jobs).unwrap();
    std::fs::create_dir_all(&jobs).unwrap();
    let yaml = read(dir.path(), "site.yaml")
        .replace("page_size: 2", "page_size: 100")
        .replace("https://careers.paged.example/", base_url);
    std::fs::write(dir.path().join("site.yaml"), yaml).unwrap();
    for n in 1..=VACANCIES {
        let (team, level) = (["Fostering", "Care Leavers"][n % 2], ["Social Worker", "Team Manager"][n % 3 / 2]);
        let posted = jiff::civil::date(2026, 10, 1) + jiff::Span::new().days((n % 40) as i64);
        let text = format!(
            "---\ntitle: Generated role {n}\nreference: G-{n:05}\nlevel: {level}\nteam: {team}\nlocation: Town Hall\n\
             salary:\n  min: 30000\nhours: 37\ncontract: permanent\nposted: {posted}\ncloses: 2026-12-21\n\
             apply_url: https://apply.paged.example/{n}\n---\nThe advert for generated role {n}.\n"
        );
        std::fs::write(jobs.join(format!("role-{n}.md")), text).unwrap();
    }
    dir
}

fn json(dir: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(dir, rel)).unwrap()
}

#[test]
fn the_feed_of_every_vacancy_is_paged_with_next_url_and_holds_each_vacancy_once() {
    let site = generated_site("https://careers.paged.example/");
    let out = tempfile::tempdir().unwrap();
    build_with(site.path(), out.path(), rules(NOW)).expect("the generated site builds");
    let base = "https://careers.paged.example/jobs/";
    let pages: Vec<Value> =
        ["jobs/feed.json", "jobs/feed-2.json", "jobs/feed-3.json"].iter().map(|rel| json(out.path(), rel)).collect();
    assert!(!out.path().join("jobs/feed-4.json").exists() && !out.path().join("jobs/feed-1.json").exists());
    let sizes: Vec<usize> = pages.iter().map(|p| p["items"].as_array().unwrap().len()).collect();
    assert_eq!(sizes, [1_000, 1_000, 345]);
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page["feed_url"], format!("{base}feed.json"), "every page names the feed it belongs to");
        let next = (i < 2).then(|| format!("{base}feed-{}.json", i + 2));
        assert_eq!(page["next_url"].as_str(), next.as_deref(), "page {}", i + 1);
    }
    // One order across the pages: newest first, the same as the RSS feed, which is not paged.
    let items: Vec<&Value> = pages.iter().flat_map(|p| p["items"].as_array().unwrap()).collect();
    let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    let rss = read(out.path(), "jobs/feed.xml");
    let rss_ids: Vec<&str> =
        rss.split("<guid isPermaLink=\"false\">").skip(1).map(|s| &s[..s.find('<').unwrap()]).collect();
    assert_eq!(ids.len(), VACANCIES);
    assert_eq!(ids, rss_ids);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), VACANCIES, "no vacancy is on two pages");
    // The per-team feeds carry summaries only and stay whole.
    let fostering = json(out.path(), "jobs/teams/fostering/feed.json");
    assert_eq!(fostering["items"].as_array().unwrap().len(), VACANCIES.div_ceil(2) - 1);
    assert!(fostering.get("next_url").is_none());
    // 2,345 pages fit one sitemap.
    assert!(read(out.path(), "sitemap.xml").contains("<urlset") && !out.path().join("sitemap-1.xml").exists());
}

/// A stand-in for the published site: answers `GET` with the file under `root`, or 404.
fn file_server(root: std::path::PathBuf) -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            while reader.read_line(&mut String::new()).unwrap() > 2 {}
            let path = line.split_whitespace().nth(1).unwrap_or("/").trim_start_matches('/').to_string();
            let answer = match std::fs::read(root.join(&path)) {
                Ok(body) => [
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())
                        .into_bytes(),
                    body,
                ]
                .concat(),
                Err(_) => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
            };
            let _ = stream.write_all(&answer);
        }
    });
    port
}

/// The publish workflow's "Compare with the published site" step, run in `site` against the site
/// published at `site_url`, with this build of jobsite: what it wrote to `changes.jsonl`.
fn compare_step(site: &Path, site_url: &str) -> String {
    let text = read(Path::new(env!("CARGO_MANIFEST_DIR")), ".github/workflows/publish.yml");
    let workflow: Value = serde_saphyr::from_str(&text).unwrap();
    let steps = workflow["jobs"]["build"]["steps"].as_array().unwrap();
    let step = steps.iter().find(|s| s["name"] == "Compare with the published site").expect("the step");
    let script = step["run"].as_str().unwrap();
    let command = "./target/release/jobsite changes --previous previous/feed.json";
    assert!(script.contains(command), "the step runs `{command}`");
    // This build of jobsite, at the tests' moment rather than the clock's; the repository's scripts.
    let script = script
        .replace(
            command,
            &format!("{} changes --now {NOW} --previous previous/feed.json", env!("CARGO_BIN_EXE_jobsite")),
        )
        .replace("python3 scripts/", &format!("python3 {}/scripts/", env!("CARGO_MANIFEST_DIR")));
    let run = std::process::Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(site)
        .env("SITE_URL", site_url)
        .output()
        .expect("bash runs the step");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    read(site, "changes.jsonl")
}

#[test]
fn the_publish_workflow_downloads_every_page_of_the_live_feed_to_compare() {
    let published = tempfile::tempdir().unwrap();
    let port = file_server(published.path().to_path_buf());
    let site_url = format!("http://127.0.0.1:{port}/");
    let site = generated_site(&site_url);
    build_with(site.path(), published.path(), rules(NOW)).unwrap();

    assert_eq!(compare_step(site.path(), &site_url), "", "the same vacancies on every page: nothing changed");
    for name in ["feed.json", "feed-2.json", "feed-3.json"] {
        assert!(site.path().join("previous").join(name).is_file(), "{name} was downloaded");
    }

    // The last item of the last page goes: only a comparison with every page sees just that.
    let last = json(published.path(), "jobs/feed-3.json")["items"].as_array().unwrap().last().unwrap().clone();
    let url = last["url"].as_str().unwrap();
    let stem = url.trim_end_matches('/').rsplit('/').next().unwrap();
    std::fs::remove_file(site.path().join("content/jobs").join(format!("{stem}.md"))).unwrap();
    assert_eq!(compare_step(site.path(), &site_url), format!("{{\"url\":\"{url}\",\"change\":\"removed\"}}\n"));

    // With nothing published to compare with (a first run), every open vacancy counts as added.
    std::fs::remove_dir_all(published.path().join("jobs")).unwrap();
    let first_run = compare_step(site.path(), &site_url);
    assert_eq!(first_run.lines().filter(|l| l.ends_with("\"change\":\"added\"}")).count(), VACANCIES - 1);
}
