//! One publishing rule: what is shown at an instant and the instants at which that changes come
//! from the same place. Random sites and instants hold that the selection never changes between
//! two consecutive change points and does change at each; `next-change` tells of stories and of
//! the days that turn Find a job's files over.

mod common;
use common::*;
use jiff::{SignedDuration, Timestamp};
use jobsite::build::{self, Request};
use jobsite::publish::{self, Rules};
use std::path::Path;

/// A small, seeded generator (xorshift), so a failing case can be run again by its seed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const DAY: i64 = 86_400;

/// Day `day` after 2026-11-01, and sometimes a time on it, as an editor writes them.
fn moment(r: &mut Random, day: u64) -> String {
    let date = Timestamp::from_second(1_793_491_200 + day as i64 * DAY).unwrap().strftime("%Y-%m-%d").to_string();
    if r.below(2) == 0 {
        date
    } else {
        format!("{date} {:02}:{:02}", 8 + r.below(10), [0, 15, 30, 45][r.below(4) as usize])
    }
}

/// A site of random vacancies, stories, news and events (dates only: the rest as the fixture's).
fn random_site(seed: u64) -> tempfile::TempDir {
    let mut r = Random(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let site = copy_fixture("basic");
    let root = site.path();
    for folder in ["jobs", "stories", "news", "events"] {
        let _ = std::fs::remove_dir_all(root.join("content").join(folder));
        std::fs::create_dir_all(root.join("content").join(folder)).unwrap();
    }
    let write = |file: String, text: String| std::fs::write(root.join("content").join(file), text).unwrap();
    for n in 0..(2 + r.below(6)) {
        let day = r.below(40);
        let posted = moment(&mut r, day);
        let closes = match r.below(5) {
            0 => "closes: rolling\nreview_by: 2027-06-01".to_string(),
            _ => format!("closes: {}", {
                let d = day + 1 + r.below(20);
                moment(&mut r, d)
            }),
        };
        let draft = if r.below(6) == 0 { "draft: true\n" } else { "" };
        write(
            format!("jobs/role-{n}.md"),
            format!(
                "---\ntitle: Social Worker {n}\nreference: R-{n}\nlevel: Social Worker (ASYE)\nteam: Fostering\nlocation: Town Hall\n\
                 salary:\n  min: 37035\n  max: 41418\nhours: 37\ncontract: permanent\nposted: {posted}\n{closes}\n{draft}\
                 apply_url: https://apply.test.example/R-{n}\n---\nAdvert {n}.\n"
            ),
        );
    }
    for n in 0..r.below(4) {
        let date = if r.below(4) == 0 {
            String::new()
        } else {
            format!("date: {}\n", {
                let d = r.below(40);
                moment(&mut r, d)
            })
        };
        write(format!("stories/story-{n}.md"), format!("---\ntitle: Story {n}\nname: Sam {n}\n{date}---\nStory.\n"));
    }
    for n in 0..r.below(4) {
        write(
            format!("news/news-{n}.md"),
            format!("---\ntitle: News {n}\ndate: {}\n---\nNews.\n", {
                let d = r.below(40);
                moment(&mut r, d)
            }),
        );
    }
    for n in 0..r.below(3) {
        let day = r.below(40);
        let starts = moment(&mut r, day);
        let ends = if r.below(2) == 0 {
            String::new()
        } else {
            format!("ends: {}\n", {
                let d = day + 1 + r.below(3);
                moment(&mut r, d)
            })
        };
        write(
            format!("events/event-{n}.md"),
            format!("---\ntitle: Fair {n}\nstarts: {starts}\n{ends}location: Town Hall\n---\nCome along.\n"),
        );
    }
    site
}

fn load(root: &Path) -> Option<jobsite::build::Library> {
    let request = Request {
        root: root.to_path_buf(),
        output: root.join("public"),
        base_url: None,
        rules: rules(NOW),
        force: false,
        sources: Default::default(),
    };
    build::load(&request).ok().map(|(library, _)| library)
}

/// What a selection shows, in a form that compares.
fn shown(library: &jobsite::build::Library, now: Timestamp) -> String {
    let rules = Rules { now, drafts: false, internal: false };
    let s = publish::select(library, &rules);
    let stems = |v: Vec<&str>| v.join(",");
    format!(
        "open {} | closed {} | stories {} | news {} | events {} | {:?}",
        stems(s.open.iter().map(|v| v.stem.as_str()).collect()),
        stems(s.closed.iter().map(|v| v.stem.as_str()).collect()),
        stems(s.stories.iter().map(|v| v.stem.as_str()).collect()),
        stems(s.news.iter().map(|v| v.stem.as_str()).collect()),
        stems(s.events.iter().map(|v| v.stem.as_str()).collect()),
        s.sections,
    )
}

#[test]
fn the_selection_changes_at_every_change_point_and_never_between_two() {
    let mut checked = 0;
    for seed in 1..=40u64 {
        let site = random_site(seed);
        // A random site may hold a mistake an editor could make (an event ending before it
        // starts, an advert closing before it is posted): those are refused, not published.
        let Some(library) = load(site.path()) else { continue };
        let rules = Rules { now: NOW.parse().unwrap(), drafts: false, internal: false };
        let points = publish::change_points(&library, &rules);
        let mut r = Random(seed);
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let span = (b - a).get_seconds().max(1);
            let between = a + SignedDuration::from_secs(1 + r.below(span as u64) as i64 % span.max(1));
            let between = if between >= b { a } else { between };
            assert_eq!(shown(&library, a), shown(&library, between), "seed {seed}: changed between {a} and {b}");
        }
        for point in &points {
            let before = *point - SignedDuration::from_secs(1);
            assert_ne!(shown(&library, before), shown(&library, *point), "seed {seed}: nothing changed at {point}");
        }
        if let (Some(first), Some(last)) = (points.first(), points.last()) {
            let (long_before, long_after) =
                (*first - SignedDuration::from_hours(24 * 30), *last + SignedDuration::from_hours(24 * 30));
            assert_eq!(
                shown(&library, long_before),
                shown(&library, *first - SignedDuration::from_secs(1)),
                "seed {seed}"
            );
            assert_eq!(shown(&library, long_after), shown(&library, *last), "seed {seed}");
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} random sites loaded");
}

fn next_change(root: &Path, now: &str) -> String {
    let out = jobsite(&["next-change", "--root", root.to_str().unwrap(), "--now", now]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn next_change_tells_of_a_story_dated_later_today() {
    let site = copy_fixture("basic");
    std::fs::write(
        site.path().join("content/stories/later.md"),
        "---\ntitle: Later today\nname: Sam\ndate: 2026-11-22 15:00\n---\nA story.\n",
    )
    .unwrap();
    assert_eq!(next_change(site.path(), "2026-11-22T12:00:00Z"), "2026-11-22T15:00:00Z\n");
}

#[test]
fn next_change_tells_of_find_a_job_reposts_and_the_day_an_advert_leaves_the_expired_file() {
    let site = copy_fixture("basic");
    let root = site.path();
    for file in std::fs::read_dir(root.join("content/jobs")).unwrap() {
        std::fs::remove_file(file.unwrap().path()).unwrap();
    }
    for folder in ["events", "news", "stories"] {
        std::fs::remove_dir_all(root.join("content").join(folder)).unwrap();
    }
    let advert = |closes: &str| {
        format!(
            "---\ntitle: Rolling Social Worker\nreference: R-1\nlevel: Social Worker (ASYE)\nteam: Fostering\nlocation: Town Hall\n\
             salary:\n  min: 37035\n  max: 41418\nhours: 37\ncontract: permanent\nposted: 2026-11-01\n{closes}\n\
             apply_url: https://apply.test.example/R-1\n---\nAdvert.\n"
        )
    };
    // Open for months: reposted on Find a job every 31 days, at the turn of the UK day.
    std::fs::write(root.join("content/jobs/rolling.md"), advert("closes: rolling\nreview_by: 2027-06-01")).unwrap();
    assert_eq!(next_change(root, "2026-11-22T12:00:00Z"), "2026-12-02T00:00:00Z\n");
    assert_eq!(next_change(root, "2026-12-02T00:00:00Z"), "2027-01-02T00:00:00Z\n");
    // Closed on 20 November: it leaves the file of adverts to take down after seven days.
    std::fs::write(root.join("content/jobs/rolling.md"), advert("closes: 2026-11-20")).unwrap();
    assert_eq!(next_change(root, "2026-11-22T12:00:00Z"), "2026-11-28T00:00:00Z\n");
}
