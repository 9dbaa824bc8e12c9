//! The preview server, driven as a user would: start `jobsite serve` on a free port, fetch pages
//! over loopback, edit the site folder, and see each change served within a bounded time.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(15);

struct Preview {
    child: Child,
    port: u16,
    out: Arc<Mutex<String>>,
    err: Arc<Mutex<String>>,
    root: PathBuf,
    _site: Option<tempfile::TempDir>,
}

fn collect(stream: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let mut text = into.lock().unwrap();
            text.push_str(&line);
            text.push('\n');
        }
    });
}

impl Preview {
    fn start(site: tempfile::TempDir, extra: &[&str]) -> Preview {
        let root = site.path().to_path_buf();
        let mut p = Preview::start_at(&root, extra);
        p._site = Some(site);
        p
    }

    fn start_at(root: &Path, extra: &[&str]) -> Preview {
        let mut args = vec!["serve", "--root", root.to_str().unwrap(), "--port", "0", "--now", NOW];
        args.extend_from_slice(extra);
        let mut child = Command::new(env!("CARGO_BIN_EXE_jobsite"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (out, err) = (Arc::new(Mutex::new(String::new())), Arc::new(Mutex::new(String::new())));
        collect(child.stdout.take().unwrap(), out.clone());
        collect(child.stderr.take().unwrap(), err.clone());
        let started = Instant::now();
        let port = loop {
            let text = out.lock().unwrap().clone();
            if let Some(rest) = text.split("at http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
            assert!(started.elapsed() < PATIENCE, "server did not start: {text} {}", err.lock().unwrap());
            std::thread::sleep(Duration::from_millis(20));
        };
        Preview { child, port, out, err, root: root.to_path_buf(), _site: None }
    }

    fn request(&self, method: &str, target: &str) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(stream, "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    fn get(&self, target: &str) -> (u16, String, String) {
        self.request("GET", target)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.root.join(rel)).unwrap();
        assert!(text.contains(from));
        self.write(rel, &text.replace(from, to));
    }

    fn rebuilds(&self) -> usize {
        self.out.lock().unwrap().matches("Rebuilt ").count()
    }

    /// Polls `target` until `check` holds for its (status, body), or fails after PATIENCE.
    fn wait_for(&self, target: &str, what: &str, check: impl Fn(u16, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, _, body) = self.get(target);
            if check(status, &body) {
                return body;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "{what}: {target} gave {status}\n{}\n{}",
                self.out.lock().unwrap(),
                self.err.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn basic_preview() -> Preview {
    Preview::start(copy_fixture("basic"), &[])
}

#[test]
fn serves_pages_feeds_and_files_with_the_right_content_types() {
    let site = copy_fixture("basic");
    for (name, bytes) in [
        ("logo.svg", &b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"[..]),
        ("font.woff2", b"wOF2"),
        ("fair.ics", b"BEGIN:VCALENDAR"),
        ("photo.webp", b"RIFF"),
        ("photo.avif", b"avif"),
        ("photo.png", b"\x89PNG"),
        ("photo.jpg", b"\xff\xd8"),
        ("app.js", b"1"),
    ] {
        std::fs::create_dir_all(site.path().join("static")).unwrap();
        std::fs::write(site.path().join("static").join(name), bytes).unwrap();
    }
    let p = Preview::start(site, &[]);
    for (target, kind) in [
        ("/", "text/html; charset=utf-8"),
        ("/jobs/open-fostering/", "text/html; charset=utf-8"),
        ("/css/site.css", "text/css; charset=utf-8"),
        ("/jobs/feed.xml", "application/xml; charset=utf-8"),
        ("/jobs/feed.json", "application/json; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/logo.svg", "image/svg+xml"),
        ("/font.woff2", "font/woff2"),
        ("/fair.ics", "text/calendar; charset=utf-8"),
        ("/photo.webp", "image/webp"),
        ("/photo.avif", "image/avif"),
        ("/photo.png", "image/png"),
        ("/photo.jpg", "image/jpeg"),
        ("/app.js", "text/javascript; charset=utf-8"),
    ] {
        let (status, head, _) = p.get(target);
        assert_eq!(status, 200, "{target}");
        assert!(head.contains(&format!("Content-Type: {kind}")), "{target}: {head}");
    }
    assert!(!p.root.join("public").exists(), "serve never writes the output folder");
}

#[test]
fn folders_redirect_missing_pages_get_the_themes_404_and_head_has_no_body() {
    let p = basic_preview();
    let (status, head, _) = p.get("/jobs");
    assert_eq!(status, 301);
    assert!(head.contains("Location: /jobs/"));
    let (status, _, body) = p.get("/no-such-page/");
    assert_eq!(status, 404);
    assert!(body.contains("<h1>Page not found</h1>"));
    let (status, head, body) = p.request("HEAD", "/jobs/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Length:"));
    assert!(body.is_empty());
    assert_eq!(p.request("POST", "/jobs/").0, 405);
}

#[cfg(unix)]
#[test]
fn nothing_outside_the_site_is_ever_served() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("static")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("static/passwd")).unwrap();
    std::os::unix::fs::symlink("/etc", site.path().join("static/etc")).unwrap();
    let p = Preview::start(site, &[]);
    for target in [
        "/../../../../etc/passwd",
        "/jobs/../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/jobs/..%2f..%2f..%2fetc%2fpasswd",
        "/..\\..\\etc\\passwd",
        "/%5c..%5c..%5cetc%5cpasswd",
        "/index.html%00.css",
        "/%00",
        "//etc/passwd",
        "/etc/passwd",
        "/passwd",
        "/etc/hostname",
        "/C:/Windows/win.ini",
    ] {
        let (status, _, body) = p.get(target);
        assert!(status == 404 || status == 400, "{target} gave {status}");
        assert!(!body.contains("root:"), "{target} leaked a file");
    }
}

#[test]
fn an_edit_is_served_and_browsers_are_told_to_reload() {
    let p = basic_preview();
    let page = p.get("/jobs/open-fostering/").2;
    let generation = page.split("data-generation=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let mut events = TcpStream::connect(("127.0.0.1", p.port)).unwrap();
    events.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(events, "GET /__jobsite/events?since={generation} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    p.edit("content/jobs/open-fostering.md", "Advert for Fostering Social Worker.", "A freshly edited advert.");
    p.wait_for("/jobs/open-fostering/", "the edit", |s, b| s == 200 && b.contains("A freshly edited advert."));
    let mut seen = String::new();
    let mut buf = [0u8; 512];
    while !seen.contains("data: reload") {
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0, "event stream closed: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("Content-Type: text/event-stream"));
    assert!(p.out.lock().unwrap().contains("after content/jobs/open-fostering.md changed"));
}

#[test]
fn adding_renaming_and_deleting_vacancies_is_served() {
    let p = basic_preview();
    let text = std::fs::read_to_string(p.root.join("content/jobs/open-fostering.md")).unwrap();
    p.write(
        "content/jobs/new-role.md",
        &text.replace("T-001", "T-100").replace("Fostering Social Worker", "Brand New Role"),
    );
    p.wait_for("/jobs/new-role/", "a new vacancy", |s, b| s == 200 && b.contains("Brand New Role"));
    p.wait_for("/jobs/", "the listing", |_, b| b.contains("Brand New Role"));
    std::fs::rename(p.root.join("content/jobs/new-role.md"), p.root.join("content/jobs/renamed-role.md")).unwrap();
    p.wait_for("/jobs/renamed-role/", "the renamed vacancy", |s, _| s == 200);
    p.wait_for("/jobs/new-role/", "the old address", |s, _| s == 404);
    std::fs::remove_file(p.root.join("content/jobs/renamed-role.md")).unwrap();
    p.wait_for("/jobs/renamed-role/", "the deleted vacancy", |s, _| s == 404);
    p.wait_for("/jobs/", "the listing", |_, b| !b.contains("Brand New Role"));
}

#[test]
fn atomic_saves_and_new_folders_are_picked_up() {
    let p = basic_preview();
    // An editor's atomic save: write a temporary file, then rename it over the original.
    let path = p.root.join("content/jobs/open-fostering.md");
    let text =
        std::fs::read_to_string(&path).unwrap().replace("Advert for Fostering Social Worker.", "Saved atomically.");
    let temp = p.root.join("content/jobs/.open-fostering.md.tmp~");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, &path).unwrap();
    p.wait_for("/jobs/open-fostering/", "the atomic save", |_, b| b.contains("Saved atomically."));
    // A new template folder overriding a theme template.
    p.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Overridden page</h1>{% endblock content %}",
    );
    p.wait_for("/register-interest/", "the new templates folder", |_, b| b.contains("Overridden page"));
}

#[test]
fn editor_swap_and_backup_files_do_not_rebuild() {
    let p = basic_preview();
    p.edit("content/jobs/open-fostering.md", "Advert for", "Warm-up edit for");
    p.wait_for("/jobs/open-fostering/", "the warm-up edit", |_, b| b.contains("Warm-up edit"));
    std::thread::sleep(Duration::from_millis(300));
    let before = p.rebuilds();
    for name in
        [".open-fostering.md.swp", "open-fostering.md~", "4913", ".#open-fostering.md", "open-fostering.md___jb_tmp___"]
    {
        p.write(&format!("content/jobs/{name}"), "scratch");
    }
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(p.rebuilds(), before, "{}", p.out.lock().unwrap());
}

#[test]
fn a_broken_file_shows_the_overlay_over_the_last_good_site_until_it_is_fixed() {
    let p = basic_preview();
    let good = std::fs::read_to_string(p.root.join("content/jobs/open-fostering.md")).unwrap();
    p.write("content/jobs/open-fostering.md", &good.replace("team: Fostering", "team: Fostering Team"));
    let page = p.wait_for("/jobs/", "the overlay", |_, b| b.contains("jobsite-overlay"));
    assert!(page.contains("content/jobs/open-fostering.md:5:7: `team`: unknown team `Fostering Team`"), "{page}");
    assert!(page.contains("did you mean `Fostering`?"));
    assert!(page.contains("Fostering Social Worker"), "the last good page is still served");
    let other = p.get("/benefits/").2;
    assert!(other.contains("jobsite-overlay"), "every page shows the overlay");
    assert!(p.err.lock().unwrap().contains("unknown team `Fostering Team`"), "the terminal shows the error too");
    p.write("content/jobs/open-fostering.md", &good);
    p.wait_for("/jobs/", "the overlay to go", |_, b| !b.contains("jobsite-overlay"));
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("static/css")).unwrap();
    std::fs::write(site.path().join("static/css/site.css"), "body { color: #000000 }").unwrap();
    let p = Preview::start(site, &[]);
    let page = p.get("/").2;
    let generation = page.split("data-generation=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let mut events = TcpStream::connect(("127.0.0.1", p.port)).unwrap();
    events.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(events, "GET /__jobsite/events?since={generation} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    p.write("static/css/site.css", "body { color: #123456 }");
    let mut seen = String::new();
    let mut buf = [0u8; 512];
    while !seen.contains("data: ") {
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0);
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("data: styles"), "{seen}");
    p.wait_for("/css/site.css", "the new stylesheet", |_, b| b.contains("#123456"));
}

#[test]
fn it_listens_on_loopback_and_takes_the_next_port_when_one_is_busy() {
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port();
    let site = copy_fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobsite"))
        .args(["serve", "--root", site.path().to_str().unwrap(), "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut seen = String::new();
    while !seen.contains("Serving") {
        seen.push_str(&lines.next().unwrap().unwrap());
        seen.push('\n');
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(seen.contains(&format!("Port {port} is taken; using ")), "{seen}");
    assert!(seen.contains("at http://127.0.0.1:"), "{seen}");
}

#[test]
fn listening_beyond_loopback_prints_a_warning() {
    let site = copy_fixture("basic");
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobsite"))
        .args(["serve", "--root", site.path().to_str().unwrap(), "--port", "0", "--bind", "0.0.0.0"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let first = BufReader::new(child.stderr.take().unwrap()).lines().next().unwrap().unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(first.starts_with("warning: listening on 0.0.0.0:"), "{first}");
    let port: u16 = first["warning: listening on 0.0.0.0:".len()..].split(',').next().unwrap().parse().unwrap();
    assert_ne!(port, 0, "the warning names the port actually bound: {first}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let mut p = basic_preview();
    let pid = p.child.id() as i32;
    rustix::process::kill_process(rustix::process::Pid::from_raw(pid).unwrap(), rustix::process::Signal::INT).unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = p.child.try_wait().unwrap() {
            assert!(status.success());
            break;
        }
        assert!(started.elapsed() < PATIENCE, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(p.out.lock().unwrap().contains("Stopped."));
}

#[test]
fn pages_that_exist_before_and_after_a_rebuild_never_fail_during_it() {
    let p = Arc::new(basic_preview());
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pollers: Vec<_> = (0..4)
        .map(|i| {
            let (p, stop) = (p.clone(), stop.clone());
            std::thread::spawn(move || {
                let target = ["/jobs/", "/jobs/open-fostering/", "/", "/jobs/feed.xml"][i];
                let mut count = 0;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let (status, _, body) = p.get(target);
                    assert_eq!(status, 200, "{target} failed during a rebuild");
                    assert!(!body.is_empty());
                    count += 1;
                }
                count
            })
        })
        .collect();
    let original = std::fs::read_to_string(p.root.join("content/jobs/open-fostering.md")).unwrap();
    for n in 0..8 {
        p.write("content/jobs/open-fostering.md", &original.replace("Advert for", &format!("Round {n}: advert for")));
        p.wait_for("/jobs/open-fostering/", "the edit", |_, b| b.contains(&format!("Round {n}:")));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let served: usize = pollers.into_iter().map(|t| t.join().unwrap()).sum();
    assert!(served > 20, "only {served} requests were made");
}

#[test]
fn many_clients_at_once_while_files_change_see_no_failures() {
    let p = Arc::new(basic_preview());
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let clients: Vec<_> = (0..24)
        .map(|i| {
            let (p, stop) = (p.clone(), stop.clone());
            std::thread::spawn(move || {
                let targets = ["/", "/jobs/", "/jobs/open-fostering/", "/jobs/feed.xml", "/css/site.css", "/benefits/"];
                let (mut ok, mut bad) = (0, Vec::new());
                let mut n = i;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let target = targets[n % targets.len()];
                    n += 1;
                    match std::panic::catch_unwind(|| p.get(target).0) {
                        Ok(200) => ok += 1,
                        Ok(status) => bad.push(format!("{target}: {status}")),
                        Err(_) => bad.push(format!("{target}: connection failed")),
                    }
                }
                (ok, bad)
            })
        })
        .collect();
    let original = std::fs::read_to_string(p.root.join("content/jobs/open-fostering.md")).unwrap();
    let started = Instant::now();
    let mut round = 0;
    while started.elapsed() < Duration::from_secs(4) {
        p.write(
            "content/jobs/open-fostering.md",
            &original.replace("Advert for", &format!("Load round {round}: advert for")),
        );
        round += 1;
        std::thread::sleep(Duration::from_millis(150));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (mut ok, mut bad) = (0, Vec::new());
    for c in clients {
        let (o, b) = c.join().unwrap();
        ok += o;
        bad.extend(b);
    }
    assert!(bad.is_empty(), "{} failed requests, such as {:?}", bad.len(), &bad[..bad.len().min(5)]);
    assert!(ok > 500, "only {ok} requests in four seconds");
    assert!(round > 10);
}

#[test]
fn slow_clients_do_not_hold_up_anyone_else() {
    let p = basic_preview();
    let slow: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", p.port)).unwrap();
            s.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
            s
        })
        .collect();
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(p.get("/jobs/").0, 200);
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "a request took {:?} behind slow clients",
            started.elapsed()
        );
    }
    drop(slow);
}

#[test]
fn an_oversized_request_line_or_head_is_refused() {
    let p = basic_preview();
    // Repeated, because a server that drops the unread rest of a request resets the connection
    // and the client then loses the answer (or its own write fails) only some of the time.
    for _ in 0..5 {
        // Sent in pieces, as a client's writes often are: the refusal comes after the first.
        let mut stream = TcpStream::connect(("127.0.0.1", p.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream.write_all(format!("GET /{}", "a".repeat(100 * 1024)).as_bytes()).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        stream.write_all(b" HTTP/1.1\r\n").expect("the rest of a refused request line is taken in");
        std::thread::sleep(Duration::from_millis(50));
        stream.write_all(b"Host: localhost\r\n\r\n").expect("the rest of a refused request is taken in");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("the answer arrives whole, without a reset");
        assert!(answer.starts_with("HTTP/1.1 414"), "{}", &answer[..answer.len().min(80)]);
        let mut stream = TcpStream::connect(("127.0.0.1", p.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let huge = format!("GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n", "b".repeat(100 * 1024));
        stream.write_all(huge.as_bytes()).expect("the whole request is taken in, even though it is refused");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("the answer arrives whole, without a reset");
        assert!(answer.starts_with("HTTP/1.1 431"), "{}", &answer[..answer.len().min(80)]);
    }
    assert_eq!(p.get("/").0, 200, "the server is still serving");
}

#[test]
fn after_a_template_edit_the_feeds_are_made_on_request_with_every_open_vacancy() {
    let ids = |json: &str| -> Vec<String> {
        let feed: serde_json::Value = serde_json::from_str(json).expect("the feed is JSON");
        feed["items"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect()
    };
    let built = build_fixture("basic");
    let feed = read(&built.path().join("public"), "jobs/feed.json");
    let expected = ids(&feed);
    assert!(!expected.is_empty());
    // Indeed lists a job once per workplace.
    let workplaces: usize = serde_json::from_str::<serde_json::Value>(&feed).unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["_vacancy"]["locations"].as_array().unwrap().len())
        .sum();
    // As the public build: without drafts, which the preview otherwise shows.
    let p = Preview::start(copy_fixture("basic"), &["--no-drafts"]);
    // A template edit rebuilds every page; the feeds wait until someone asks for them.
    p.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Overridden page</h1>{% endblock content %}",
    );
    p.wait_for("/register-interest/", "the template edit", |_, b| b.contains("Overridden page"));
    let (status, _, body) = p.get("/jobs/feed.json");
    assert_eq!(status, 200);
    assert_eq!(ids(&body), expected);
    let (status, _, body) = p.get("/jobs/indeed.xml");
    assert_eq!(status, 200);
    assert_eq!(body.matches("<job>").count(), workplaces);
}

/// Sends `head` as it is and returns the whole answer.
fn raw(port: u16, head: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

#[test]
fn a_request_naming_another_host_is_refused() {
    let p = basic_preview();
    let port = p.port;
    let ok = raw(port, &format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"));
    assert!(ok.starts_with("HTTP/1.1 200"), "{}", &ok[..ok.len().min(60)]);
    let ok = raw(port, &format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n"));
    assert!(ok.starts_with("HTTP/1.1 200"));
    for host in [
        format!("rebind.evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost:{}", port.wrapping_add(1)),
    ] {
        let answer = raw(port, &format!("GET /jobs/feed.json HTTP/1.1\r\nHost: {host}\r\n\r\n"));
        assert!(answer.starts_with("HTTP/1.1 403"), "{host}: {}", &answer[..answer.len().min(60)]);
        assert!(!answer.contains("\"items\""), "nothing of the site is sent to {host}");
    }
    let answer = raw(port, "GET / HTTP/1.1\r\n\r\n");
    assert!(answer.starts_with("HTTP/1.1 403"), "a request without a Host is refused too");
    let forged = raw(port, &format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\nX-Jobsite-Guard: guess\r\n\r\n"));
    assert!(forged.starts_with("HTTP/1.1 200"), "a client's own pass header is replaced, not trusted");
}

/// The TCP ports a process listens on, from Linux's socket tables.
#[cfg(target_os = "linux")]
fn listening_ports(pid: u32) -> Vec<u16> {
    let inodes: std::collections::HashSet<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|target| target.to_str()?.strip_prefix("socket:[")?.strip_suffix(']').map(str::to_string))
        .collect();
    let mut ports = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        for line in std::fs::read_to_string(table).unwrap_or_default().lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() > 9 && fields[3] == "0A" && inodes.contains(fields[9]) {
                let port = fields[1].rsplit(':').next().unwrap();
                ports.push(u16::from_str_radix(port, 16).unwrap());
            }
        }
    }
    ports
}

#[cfg(target_os = "linux")]
#[test]
fn the_preview_listens_on_one_port_only() {
    let p = basic_preview();
    assert_eq!(p.get("/").0, 200);
    assert_eq!(listening_ports(p.child.id()), [p.port], "every connection goes through the front door's limits");
}

#[test]
fn no_request_can_take_a_worker_away() {
    let site = copy_fixture("basic");
    let folder = site.path().join("static/équipe");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("index.html"), "<!DOCTYPE html><title>t</title><p>Équipe</p>").unwrap();
    let p = Preview::start(site, &[]);
    // More requests than there are workers: each used to kill the worker that answered it.
    for _ in 0..24 {
        let (status, head, _) = p.get("/%C3%A9quipe");
        assert_eq!(status, 301, "{head}");
        assert!(head.contains("Location: /%C3%A9quipe/"), "{head}");
    }
    let started = Instant::now();
    for _ in 0..16 {
        assert_eq!(p.get("/jobs/").0, 200);
    }
    assert!(started.elapsed() < Duration::from_secs(5), "every worker is still there");
    assert!(p.get("/%C3%A9quipe/").2.starts_with("<!DOCTYPE html><title>t</title><p>Équipe</p>"));
}

#[test]
fn open_tabs_cannot_lock_everyone_out() {
    let p = basic_preview();
    let head = "GET /__jobsite/events?since=0 HTTP/1.1\r\nHost: localhost\r\n\r\n";
    let mut streams = Vec::new();
    let mut refused = 0;
    for _ in 0..80 {
        let mut s = TcpStream::connect(("127.0.0.1", p.port)).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        s.write_all(head.as_bytes()).unwrap();
        let mut first = [0u8; 12];
        s.read_exact(&mut first).unwrap();
        match &first {
            b"HTTP/1.1 200" => streams.push(s),
            b"HTTP/1.1 503" => refused += 1,
            other => panic!("{}", String::from_utf8_lossy(other)),
        }
    }
    assert_eq!((streams.len(), refused), (64, 16), "live-reload streams have their own cap");
    let started = Instant::now();
    for _ in 0..10 {
        assert_eq!(p.get("/jobs/").0, 200);
    }
    assert!(started.elapsed() < Duration::from_secs(3), "pages are served beside the open streams");
    drop(streams);
    let started = Instant::now();
    loop {
        let mut s = TcpStream::connect(("127.0.0.1", p.port)).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        s.write_all(head.as_bytes()).unwrap();
        let mut first = [0u8; 12];
        s.read_exact(&mut first).unwrap();
        if &first == b"HTTP/1.1 200" {
            break;
        }
        assert!(started.elapsed() < PATIENCE, "closed tabs give their places back");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_page_showing_a_campaigns_open_count_changes_when_another_vacancy_joins_the_campaign() {
    let site = copy_fixture("basic");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/vacancy.html"),
        "<!doctype html><title>{{ vacancy.title }}</title><p>{% if campaign %}{{ campaign.open_count }} open in {{ campaign.title }}{% endif %}</p>\n",
    )
    .unwrap();
    let p = Preview::start(site, &[]);
    p.wait_for("/jobs/open-fostering/", "the site's template", |s, b| {
        s == 200 && b.contains("1 open in Spring campaign")
    });
    // Another vacancy joins the campaign: only a vacancy file changes, so this is a partial
    // rebuild, and the untouched open-fostering page depends on the campaign it shows.
    p.edit("content/jobs/escaping.md", "\nhours:", "\ncampaign: spring\nhours:");
    p.wait_for("/jobs/open-fostering/", "the new count", |s, b| s == 200 && b.contains("2 open in Spring campaign"));
    assert!(p.out.lock().unwrap().contains("after content/jobs/escaping.md changed"), "{}", p.out.lock().unwrap());
}

#[test]
fn the_preview_shows_drafts_with_a_banner_unless_told_not_to() {
    let p = basic_preview();
    let (status, _, page) = p.get("/jobs/draft-role/");
    assert_eq!(status, 200, "an editor sees the draft they are writing");
    assert!(
        page.contains("<p class=\"draft-banner\" role=\"status\"><strong>Draft – not published.</strong>"),
        "{page}"
    );
    assert!(page.contains("<meta name=\"robots\" content=\"noindex"), "a draft is never for search engines");
    let (_, _, published) = p.get("/jobs/open-fostering/");
    assert!(!published.contains("draft-banner"));
    let hidden = Preview::start(copy_fixture("basic"), &["--no-drafts"]);
    assert_eq!(hidden.get("/jobs/draft-role/").0, 404);
    assert_eq!(hidden.get("/jobs/open-fostering/").0, 200);
}

#[test]
fn what_check_would_say_shows_in_a_panel_and_one_edit_rebuilds_one_page() {
    let p = Preview::start(copy_fixture("basic"), &["--no-drafts"]);
    // Worked out in the background after each build: on a page loaded once it is ready.
    let page = p.wait_for("/jobs/open-fostering/", "the lints", |_, b| b.contains("<details id=\"jobsite-lints\""));
    assert!(page.contains("<details id=\"jobsite-lints\" open><summary>"), "the fixture has a lint: {page}");
    assert!(!page.contains("not checked"), "every file loaded");
    // A broken link added to the advert appears in the panel at its line, escaped.
    let text = std::fs::read_to_string(p.root.join("content/jobs/open-fostering.md")).unwrap();
    let line = text.lines().count() + 2;
    p.write("content/jobs/open-fostering.md", &format!("{text}\nSee [<our> team](/jobs/no-such-page/).\n"));
    let page =
        p.wait_for("/jobs/open-fostering/", "the edit's lint", |_, b| b.contains("content/jobs/open-fostering.md:"));
    let panel = &page[page.find("<details id=\"jobsite-lints\"").expect("a panel")..];
    assert!(panel.contains(&format!("content/jobs/open-fostering.md:{line}")), "{panel}");
    assert!(panel.contains("/jobs/no-such-page/"), "{panel}");
    let said = p.out.lock().unwrap().clone();
    assert!(said.contains("Rebuilt 1 page in "), "one vacancy edited renders one page at once: {said}");
}
