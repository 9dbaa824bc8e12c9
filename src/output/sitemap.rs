//! `sitemap.xml`: every page that belongs in search results, with `lastmod` where known.

use crate::model::config::Site;
use crate::output::plan::Output;

/// The sitemap of every page that belongs in it.
pub fn sitemap(site: &Site, plan: &[Output]) -> String {
    use quick_xml::escape::escape;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut entries: Vec<(&str, Option<&str>)> =
        plan.iter().filter_map(|o| o.sitemap.as_deref().map(|p| (p, o.lastmod.as_deref()))).collect();
    entries.sort();
    for (path, lastmod) in entries {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape(site.absolute(path).as_str()));
        xml.push_str("</loc>");
        if let Some(d) = lastmod {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
