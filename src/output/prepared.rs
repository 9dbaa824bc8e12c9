//! A loaded site planned at one moment, owned as one value: the library, theme and rules, with the
//! selection, renderer and planned outputs that borrow them. Build, check and the preview all start
//! from it; the preview keeps it, so a pending page is rendered on request without planning again.

use crate::diagnostics::Diagnostic;
use crate::model::content::Library;
use crate::model::publish::{self, Rules, Selection};
use crate::output::feeds;
use crate::output::feeds::sitemap::{self, Limits};
use crate::output::pages;
use crate::output::pages::cards::Cards;
use crate::output::pages::render::{self, Renderer};
use crate::output::pieces::Pieces;
use crate::output::plan::{file, Dependencies, FeedKind, FileKind, Output, PageKind, Subject};
use crate::output::routes::{self, Facet, FeedFormat, Scope};
use crate::output::theme::Theme;
use crate::output::theme::{error_chain, StaticFile, StaticSource};
use std::io::Write;
use std::sync::{Arc, OnceLock};

/// What a plan is made from.
pub struct Loaded {
    pub library: Library,
    pub theme: Arc<Theme>,
    pub rules: Rules,
}

/// The plan of one build: what is published, every output with what it depends on, and the
/// renderer that turns each into bytes.
pub struct Planned<'a> {
    pub renderer: Renderer<'a>,
    pub outputs: Vec<Output<'a>>,
}

impl<'a> Planned<'a> {
    pub fn selection(&self) -> &Selection<'a> {
        &self.renderer.selection
    }

    /// Writes `output` into `sink` a piece at a time as it is made, if it is one of the feeds
    /// `Subject::is_written_in_pieces` names (never held whole); `None` for every other output.
    fn write_in_pieces(&self, output: &Output<'a>, sink: &mut dyn Write) -> Option<std::io::Result<()>> {
        let r = &self.renderer;
        let mut made = |make: &dyn Fn(&mut Pieces)| {
            let mut pieces = Pieces::new(sink);
            make(&mut pieces);
            pieces.finish()
        };
        Some(match &output.subject {
            Subject::Feed(FeedKind::VacancyRss(scope)) => {
                made(&|x| feeds::rss::vacancies(r.library, &r.selection, *scope, x))
            }
            Subject::Feed(FeedKind::Indeed) => made(&|x| feeds::job_boards::indeed(r.library, &r.selection, x)),
            Subject::Feed(FeedKind::FindAJob) => {
                made(&|x| feeds::find_a_job::find_a_job(r.library, &r.selection, r.rules, x))
            }
            Subject::Feed(FeedKind::VacancyJson(scope, page)) => {
                feeds::json_feed::write_vacancies(r.library, &r.selection, *scope, *page, &mut *sink)
            }
            Subject::Feed(FeedKind::SearchIndex) => {
                feeds::search_index::write_search_index(r.library, &r.selection, r.rules, &mut *sink)
            }
            _ => return None,
        })
    }

    /// Writes one output into `sink`: the largest feeds a piece at a time as they are made, the
    /// rest whole. A failure to write is an error naming the file.
    pub fn render_to(&self, output: &Output<'a>, sink: &mut dyn Write) -> Result<(), Box<Diagnostic>> {
        let written = match self.write_in_pieces(output, sink) {
            Some(written) => written,
            None => sink.write_all(&self.render(output)?),
        };
        written.map_err(|e| {
            Box::new(
                Diagnostic::error(&*output.path, format!("could not write this file: {e}"))
                    .hint("check there is free disk space and that you may write to the output folder"),
            )
        })
    }

    /// The bytes of one output, or a message naming the template that failed.
    pub fn render(&self, output: &Output<'a>) -> Result<Vec<u8>, Box<Diagnostic>> {
        let mut bytes = Vec::new();
        if let Some(written) = self.write_in_pieces(output, &mut bytes) {
            written.expect("writing to memory does not fail");
            return Ok(bytes);
        }
        let r = &self.renderer;
        match &output.subject {
            Subject::Feed(FeedKind::Sitemap) => {
                Ok(sitemap::sitemap(&r.library.site, &self.outputs, Limits::SITEMAPS_ORG).into_bytes())
            }
            Subject::Feed(FeedKind::SitemapPart(n)) => {
                Ok(sitemap::sitemap_part(&r.library.site, &self.outputs, Limits::SITEMAPS_ORG, *n).into_bytes())
            }
            Subject::Feed(FeedKind::FindAJobExpired) => {
                Ok(feeds::find_a_job::find_a_job_expired(r.library, &r.selection, r.rules).into_bytes())
            }
            Subject::Feed(FeedKind::NewsRss) => Ok(feeds::rss::news(r.library, &r.selection).into_bytes()),
            Subject::Feed(FeedKind::EventsCalendar) => {
                Ok(feeds::calendar::events_calendar(&r.library.site, &r.selection).into_bytes())
            }
            Subject::Feed(FeedKind::EventCalendar(event)) => {
                Ok(feeds::calendar::event_calendar(&r.library.site, event).into_bytes())
            }
            Subject::File(FileKind::Robots) => Ok(r.robots().into_bytes()),
            Subject::Feed(FeedKind::PayCsv) => Ok(pages::pay::csv(r.library, &r.selection).into_bytes()),
            Subject::File(FileKind::BrandStyles) => Ok(r.brand_styles().into_bytes()),
            Subject::File(FileKind::Static(file)) => match &file.source {
                StaticSource::Embedded(bytes) => Ok(bytes.to_vec()),
                StaticSource::Disk(path) => std::fs::read(path).map_err(|e| {
                    Box::new(Diagnostic::error(path.to_string_lossy(), format!("could not read this static file: {e}")))
                }),
            },
            content => {
                let failed = |e: tera::Error, template: &str| {
                    Diagnostic::error(
                        format!("templates/{template}"),
                        format!("rendering {} failed: {}", output.path, error_chain(&e)),
                    )
                };
                let Some(page) = pages::context(r, content) else {
                    return Err(Box::new(Diagnostic::error(&*output.path, "no template makes this file")));
                };
                let (template, ctx) = page.map_err(|e| {
                    Box::new(if render::is_card_error(&e) {
                        failed(e, render::CARD_TEMPLATE)
                            .hint("card.html draws a vacancy's card after its heading and sees only `vacancy`")
                    } else {
                        Diagnostic::error(&*output.path, format!("could not prepare this page: {}", error_chain(&e)))
                    })
                })?;
                r.tera.render(template, &ctx).map(String::into_bytes).map_err(|e| Box::new(failed(e, template)))
            }
        }
    }
}

self_cell::self_cell!(
    /// A site loaded and planned, owned whole.
    pub struct Prepared {
        owner: Loaded,
        #[not_covariant]
        dependent: Planned,
    }
);

impl Prepared {
    /// Selects what is published at `rules.now` and plans every output, once.
    pub fn plan(library: Library, theme: Arc<Theme>, rules: Rules) -> Prepared {
        Prepared::plan_keeping(library, theme, rules, Arc::default())
    }

    /// As `plan`, keeping the vacancy cards of an earlier plan with the same site settings and
    /// theme (`cards`): the preview after a vacancy edit.
    pub fn plan_keeping(library: Library, theme: Arc<Theme>, rules: Rules, cards: Arc<Cards>) -> Prepared {
        Prepared::new(Loaded { library, theme, rules }, |loaded| {
            let library = &loaded.library;
            let selection = publish::select(library, &loaded.rules);
            let outputs = plan(library, &selection, &loaded.theme.statics);
            let renderer = Renderer {
                tera: &loaded.theme.tera,
                library,
                site_view: render::site_view(library, &selection),
                selection,
                rules: &loaded.rules,
                facets: OnceLock::new(),
                members: Default::default(),
                cards,
                day: loaded.rules.now.to_zoned(library.site.timezone.clone()).date(),
            };
            Planned { renderer, outputs }
        })
    }

    pub fn library(&self) -> &Library {
        &self.borrow_owner().library
    }

    pub fn theme(&self) -> &Arc<Theme> {
        &self.borrow_owner().theme
    }

    pub fn rules(&self) -> &Rules {
        &self.borrow_owner().rules
    }

    /// The vacancy cards made for this plan so far, for a next plan of the same site and theme.
    pub fn cards(&self) -> Arc<Cards> {
        self.with(|planned| planned.renderer.cards.clone())
    }

    /// Runs `f` with the plan.
    pub fn with<R>(&self, f: impl for<'a> FnOnce(&Planned<'a>) -> R) -> R {
        self.with_dependent(|_, planned| f(planned))
    }

    /// The bytes of output number `i` of the plan, if it has one: no selecting or planning again.
    pub fn render_at(&self, i: usize) -> Option<Result<Vec<u8>, Box<Diagnostic>>> {
        self.with(|planned| planned.outputs.get(i).map(|o| planned.render(o)))
    }
}

/// Every output of a build, in a fixed order (the order does not change the files written).
fn plan<'a>(library: &'a Library, selection: &Selection<'a>, statics: &'a [StaticFile]) -> Vec<Output<'a>> {
    let site = &library.site;
    // Room made once, for the pages and then for the rest: growing a list of 10,000 outputs by
    // doubling copied it and touched fresh memory on every preview rebuild. Listings take a page
    // per `page_size` open vacancies and one more per value (twice over: a vacancy may be at
    // several locations); room never used is never touched.
    let open = selection.open.len();
    let listings = (Facet::of(site).len() + 1) * (2 * open / site.page_size.max(1) + 1)
        + Facet::of(site).iter().map(|f| f.values(site).len()).sum::<usize>();
    let mut out = Vec::with_capacity(open + selection.closed.len() + listings + 1024);
    pages::plan(library, selection, &mut out);
    let feed_pages: Vec<(Scope, usize)> =
        Scope::all(site).map(|scope| (scope, feeds::json_feed::page_count(selection, scope))).collect();
    let feeds: usize = feed_pages.iter().map(|(_, pages)| 1 + pages).sum();
    out.reserve(16 + feeds + selection.events.len() + statics.len());
    let none = Dependencies::NONE;
    // Feeds and the sitemap list the open vacancies.
    let open_set = Dependencies::OPEN_SET;
    out.push(file(routes::NOT_FOUND, Subject::Page(PageKind::NotFound), none));
    out.push(file(routes::ROBOTS, Subject::File(FileKind::Robots), none));
    out.push(file(routes::BRAND_STYLES, Subject::File(FileKind::BrandStyles), none));
    out.push(file(routes::INDEED, Subject::Feed(FeedKind::Indeed), open_set));
    out.push(file(routes::FIND_A_JOB, Subject::Feed(FeedKind::FindAJob), open_set));
    out.push(file(routes::FIND_A_JOB_EXPIRED, Subject::Feed(FeedKind::FindAJobExpired), open_set));
    out.push(file(routes::SEARCH_INDEX, Subject::Feed(FeedKind::SearchIndex), open_set));
    for (scope, pages) in feed_pages {
        out.push(file(
            &routes::feed(site, scope, FeedFormat::Rss),
            Subject::Feed(FeedKind::VacancyRss(scope)),
            open_set,
        ));
        for page in 1..=pages {
            out.push(file(
                &routes::json_feed_page(site, scope, page),
                Subject::Feed(FeedKind::VacancyJson(scope, page)),
                open_set,
            ));
        }
    }
    if selection.sections.news {
        out.push(file(routes::NEWS_FEED, Subject::Feed(FeedKind::NewsRss), none));
    }
    if selection.sections.events {
        out.push(file(routes::EVENTS_CALENDAR, Subject::Feed(FeedKind::EventsCalendar), none));
        for event in &selection.events {
            out.push(file(&routes::event_calendar(&event.stem), Subject::Feed(FeedKind::EventCalendar(event)), none));
        }
    }
    // The sitemap lists the pages planned above, in as many parts as the limits require.
    out.push(file(routes::SITEMAP, Subject::Feed(FeedKind::Sitemap), open_set));
    for part in 1..=sitemap::part_count(site, &out, Limits::SITEMAPS_ORG) {
        out.push(file(&routes::sitemap_part(part), Subject::Feed(FeedKind::SitemapPart(part)), open_set));
    }
    // A static file at a generated file's path is left out (the site's file wins). The theme's
    // static files are few, one per path and sorted by it: each planned path is looked up among
    // them, rather than 10,000 planned paths hashed.
    let mut generated = vec![false; statics.len()];
    for o in &out {
        if let Ok(i) = statics.binary_search_by(|s| s.path.as_str().cmp(&o.path)) {
            generated[i] = true;
        }
    }
    let extra: Vec<Output> = statics
        .iter()
        .zip(generated)
        .filter(|(_, generated)| !generated)
        .map(|(s, _)| Output {
            path: s.path.as_str().into(),
            subject: Subject::File(FileKind::Static(s)),
            depends: none,
            listed: false,
            lastmod: None,
        })
        .collect();
    out.extend(extra);
    out
}
