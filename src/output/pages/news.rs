//! News: the list, and each item's page; both announce the news feed.

use super::{typed, Base, Page};
use crate::model::content::News;
use crate::model::publish::Selection;
use crate::output::pages::article_views::{news_view, NewsView};
use crate::output::pages::render::Renderer;
use crate::output::pages::site_view::PageMeta;
use crate::output::plan::{page, Dependencies, Output, PageKind, Subject};
use crate::output::routes;
use serde::Serialize;

pub(crate) const LIST_TEMPLATE: &str = "news.html";
pub(crate) const TEMPLATE: &str = "news_item.html";

#[derive(Serialize)]
struct NewsPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    items: Vec<NewsView<'a>>,
}

#[derive(Serialize)]
struct NewsItemPage<'r, 'a> {
    #[serde(flatten)]
    base: Base<'r, 'a>,
    item: NewsView<'a>,
}

/// The list when an item is published, then each item.
pub(crate) fn plan<'a>(selection: &Selection<'a>, out: &mut Vec<Output<'a>>) {
    if selection.sections.news {
        out.push(page(routes::NEWS.to_string(), Subject::Page(PageKind::NewsList), Dependencies::NONE));
    }
    for n in &selection.news {
        let mut o = page(routes::news_item(&n.stem), Subject::Page(PageKind::NewsItem(n)), Dependencies::NONE);
        o.lastmod = Some(n.changed_at);
        out.push(o);
    }
}

pub(crate) fn list_context(r: &Renderer) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let meta = PageMeta::new(site, "News", "News from our children's services teams", routes::NEWS, "news")
        .with_news_feed(site);
    let items = r.selection.news.iter().map(|n| news_view(site, n)).collect();
    typed(LIST_TEMPLATE, &NewsPage { base: r.base(meta), items })
}

pub(crate) fn context<'a>(r: &Renderer<'a>, n: &'a News) -> Result<Page, tera::Error> {
    let site = &r.library.site;
    let mut meta = PageMeta::new(site, &n.title, &n.summary, &routes::news_item(&n.stem), "news")
        .with_news_feed(site)
        .with_draft(n.draft);
    meta.kind = "article";
    typed(TEMPLATE, &NewsItemPage { base: r.base(meta), item: news_view(site, n) })
}
