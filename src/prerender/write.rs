//! Files: each page is trunk's `index.html` with the page's head and its HTML in place of
//! the boot placeholder. A file whose bytes are the same is left alone (its mtime stays);
//! a file the last run wrote and this one did not (a product gone) is removed.

use std::collections::BTreeSet;
use std::path::Path;

pub const MANIFEST: &str = ".prerender-manifest.json";

/// trunk's page, split where the page's head and body go.
pub struct Template {
    head_start: String,
    head_end: String,
    body_end: String,
}

impl Template {
    pub fn parse(html: &str) -> Result<Template, String> {
        if html.contains("id=\"prerendered\"") {
            return Err("index.html is already a prerendered page, not trunk's output".into());
        }
        let head = html.find("</head>").ok_or("index.html has no </head>")?;
        // trunk's page is minified: attributes may be unquoted and in any order.
        let boot = tag_with(html, "<div", &["id=\"boot\"", "id=boot>", "id=boot "])
            .map(|(start, _)| start)
            .ok_or("index.html has no <div id=\"boot\"> placeholder")?;
        let body_close = html.rfind("</body>").ok_or("index.html has no </body>")?;
        let boot_end = html[boot..body_close]
            .rfind("</div>")
            .map(|i| boot + i + "</div>".len())
            .ok_or("the boot placeholder is not closed")?;
        Ok(Template {
            head_start: defer_app(&html[..head]),
            head_end: html[head..boot].to_string(),
            body_end: html[boot_end..].to_string(),
        })
    }

    /// The page's `<base href>` as trunk wrote it (`/`, or `/shop/` for a sub-path deployment).
    pub fn base_href(&self) -> Option<String> {
        let at = self.head_start.find("<base ")?;
        let tag = &self.head_start[at..at + self.head_start[at..].find('>')?];
        let value = &tag[tag.find("href=")? + "href=".len()..];
        let value = match value.chars().next()? {
            q @ ('"' | '\'') => value[1..].split(q).next()?,
            _ => value.split(' ').next()?,
        };
        Some(value.to_string())
    }

    /// The document of one page: `head` (leptos_meta's tags and the SEO head) replaces the
    /// template's own title and description when it has them.
    /// `path` is the page's own path in the app (no base), which `early.js` checks before it
    /// lets the page stand for the URL (`data-path`).
    pub fn document(&self, path: &str, head: &str, body: &str) -> String {
        let mut start = self.head_start.clone();
        if head.contains("<title") {
            start = cut(&start, "<title>", "</title>");
        }
        if head.contains("name=\"description\"") {
            let names = [
                "name=\"description\"",
                "name=description>",
                "name=description ",
            ];
            if let Some((a, b)) = tag_with(&start, "<meta", &names) {
                start = format!("{}{}", &start[..a], &start[b..]);
            }
        }
        format!(
            "{start}{head}\n  {}<div id=\"prerendered\" data-path=\"{}\">{body}</div>{}",
            self.head_end,
            crate::domain::seo::escape(path),
            self.body_end
        )
    }
}

/// The head with the app's code (its start module, module preloads, and the preloads of what
/// only the app reads: the wasm, `config.json`) moved into an inert
/// `<template id="vitrina-app">`, before the head's first script. `early.js` puts them back
/// once the prerendered page has painted (or the shopper acts on it): the page's own HTML,
/// CSS and images get the network first, the 360 KB of app after them. The scripts left
/// (early.js) are `defer`red, so nothing but the CSS stands between the HTML and its paint.
/// early.js is asked for before the CSS and is smaller (3 KB against 9 KB gzip), so it has
/// as a rule run by the time the page paints; a «В корзину» pressed before would do nothing.
fn defer_app(head: &str) -> String {
    let mut rest = String::with_capacity(head.len());
    let mut moved = String::new();
    let mut at = 0;
    while let Some(i) = head[at..].find('<').map(|i| at + i) {
        let Some(end) = head[i..].find('>').map(|e| i + e + 1) else {
            break;
        };
        let tag = &head[i..end];
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let has = |attr: &str, value: &str| {
            [
                format!("{attr}={value} "),
                format!("{attr}={value}>"),
                format!("{attr}=\"{value}\""),
                format!("{attr}={value}/>"),
            ]
            .iter()
            .any(|a| tag.contains(a.as_str()))
        };
        let whole = match name.as_str() {
            "link"
                if has("rel", "modulepreload") || (has("rel", "preload") && has("as", "fetch")) =>
            {
                Some(end)
            }
            "script" if has("type", "module") => head[end..].find("</script>").map(|e| end + e + 9),
            _ => None,
        };
        rest.push_str(&head[at..i]);
        match whole {
            Some(to) => {
                moved.push_str(&head[i..to]);
                at = to;
            }
            // The page's own scripts (early.js) run once it is parsed, never before its
            // first paint: a prerendered page paints with its HTML and CSS alone.
            None if name == "script" && tag.contains(" src=") && !tag.contains(" defer") => {
                rest.push_str("<script defer");
                rest.push_str(&tag[7..]);
                at = end;
            }
            None => {
                rest.push_str(tag);
                at = end;
            }
        }
    }
    rest.push_str(&head[at..]);
    if moved.is_empty() {
        return rest;
    }
    let template = format!("<template id=\"vitrina-app\">{moved}</template>");
    match rest.find("<script") {
        Some(i) => format!("{}{template}{}", &rest[..i], &rest[i..]),
        None => format!("{rest}{template}"),
    }
}

/// Where the first `open` tag (e.g. `<div`) holding one of `attrs` starts and ends.
fn tag_with(s: &str, open: &str, attrs: &[&str]) -> Option<(usize, usize)> {
    let at = attrs.iter().filter_map(|a| s.find(a)).min()?;
    let start = s[..at].rfind(open)?;
    let end = at + s[at..].find('>')? + 1;
    Some((start, end))
}

/// `s` without the first `from…to` (and the whitespace before it).
fn cut(s: &str, from: &str, to: &str) -> String {
    match s.find(from) {
        Some(a) => match s[a..].find(to) {
            Some(b) => {
                let lead = s[..a].trim_end_matches([' ', '\t']).len();
                let lead = s[..lead].strip_suffix('\n').map_or(lead, str::len);
                format!("{}{}", &s[..lead], &s[a + b + to.len()..])
            }
            None => s.to_string(),
        },
        None => s.to_string(),
    }
}

/// Writes through a temporary file and a rename, so a cut run leaves no half page.
pub fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("prerender-tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// What a run did to the files.
#[derive(Default)]
pub struct Tally {
    pub written: u64,
    pub unchanged: u64,
    pub removed: u64,
    pub files: BTreeSet<String>,
}

impl Tally {
    /// Writes `rel` (relative to `dist`) unless it already holds these bytes.
    pub fn put(&mut self, dist: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.files.insert(rel.to_string());
        let path = dist.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            self.unchanged += 1;
            return Ok(());
        }
        self.written += 1;
        replace(&path, bytes)
    }

    /// Removes what the last run wrote and this one did not, then records this run's files.
    pub fn sweep(&mut self, dist: &Path) -> std::io::Result<()> {
        let old: BTreeSet<String> = std::fs::read_to_string(dist.join(MANIFEST))
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        for rel in old.difference(&self.files) {
            let path = dist.join(rel);
            if std::fs::remove_file(&path).is_ok() {
                self.removed += 1;
            }
            // Its directory too, when nothing else is left in it.
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != dist) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        let text = serde_json::to_string_pretty(&self.files).unwrap_or_default();
        replace(&dist.join(MANIFEST), text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_takes_the_placeholders_place_and_the_heads_title() {
        let t = Template::parse(
            "<html><head>\n<title>Витрина</title>\n<link rel=\"stylesheet\" href=\"a.css\"></head><body>\n<div id=\"boot\"><div>…</div></div>\n</body></html>",
        )
        .unwrap();
        let doc = t.document("/product/1", "<title>Дрель</title>", "<main>Дрель</main>");
        assert!(
            doc.contains("<link rel=\"stylesheet\" href=\"a.css\">"),
            "{doc}"
        );
        assert!(!doc.contains("Витрина"), "{doc}");
        assert!(!doc.contains("id=\"boot\""), "{doc}");
        assert!(
            doc.contains("<div id=\"prerendered\" data-path=\"/product/1\"><main>Дрель</main></div>\n</body>"),
            "{doc}"
        );
    }

    #[test]
    fn trunks_minified_page_is_a_template_too() {
        // dist/index.html as trunk writes it: unquoted attributes, in any order.
        let t = Template::parse(
            "<html><head><meta content=\"Витрина — магазин\" name=description><title>Витрина</title></head><body><div aria-live=polite class=boot id=boot><div class=boot__bar></div><noscript><p>JS</p></noscript></div></body></html>",
        )
        .unwrap();
        let doc = t.document(
            "/catalog",
            "<title>Каталог — Витрина</title><meta name=\"description\" content=\"Все товары\"/>",
            "<main>Каталог</main>",
        );
        assert!(
            !doc.contains("магазин"),
            "the shell's description stays: {doc}"
        );
        assert!(!doc.contains("boot"), "the placeholder stays: {doc}");
        assert!(
            doc.ends_with("<div id=\"prerendered\" data-path=\"/catalog\"><main>Каталог</main></div></body></html>"),
            "{doc}"
        );
    }

    #[test]
    fn the_apps_code_waits_in_a_template_before_the_first_script() {
        // The head of trunk's minified page after scripts/csp-post.mjs (shortened).
        let head = "<html lang=ru><meta charset=utf-8><link as=fetch crossorigin href=config.json rel=preload><link crossorigin href=split.js rel=modulepreload><script id=vitrina-chunks type=application/json>{}</script><script src=/early.js></script><link href=/v.css rel=stylesheet><link crossorigin href=/v.js integrity=sha384-a rel=modulepreload><link as=fetch crossorigin href=/v_bg.wasm rel=preload type=application/wasm><script type=module src=start.js integrity=sha384-b crossorigin></script><link href=/f.svg rel=icon>";
        let html = format!("{head}</head><body><div id=boot>…</div></body></html>");
        let doc = Template::parse(&html)
            .unwrap()
            .document("/", "", "<main>Главная</main>");
        assert_eq!(
            &doc[..doc.find("</head>").unwrap()],
            "<html lang=ru><meta charset=utf-8><template id=\"vitrina-app\"><link as=fetch crossorigin href=config.json rel=preload><link crossorigin href=split.js rel=modulepreload><link crossorigin href=/v.js integrity=sha384-a rel=modulepreload><link as=fetch crossorigin href=/v_bg.wasm rel=preload type=application/wasm><script type=module src=start.js integrity=sha384-b crossorigin></script></template><script id=vitrina-chunks type=application/json>{}</script><script defer src=/early.js></script><link href=/v.css rel=stylesheet><link href=/f.svg rel=icon>\n  "
        );
        // A head without app code (a hand-made template) is left as it is.
        assert_eq!(
            defer_app("<title>a</title><link rel=stylesheet href=a.css>"),
            "<title>a</title><link rel=stylesheet href=a.css>"
        );
    }

    #[test]
    fn the_base_href_is_read_quoted_or_not() {
        let base = |head: &str| {
            Template::parse(&format!("{head}</head><body><div id=boot></div></body>"))
                .unwrap()
                .base_href()
        };
        assert_eq!(
            base("<link href=/a.svg rel=icon><base href=/shop/>").as_deref(),
            Some("/shop/")
        );
        assert_eq!(base("<base href=\"/\" />").as_deref(), Some("/"));
        assert_eq!(base("<title>a</title>"), None);
    }
}
