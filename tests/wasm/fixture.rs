//! What a component test leaves in the page — views it mounted, a stand-in for `fetch` —
//! taken away again, even after a test that failed.
//!
//! A wasm test that panics stops right there (panic = abort on wasm32): nothing after the
//! panic runs and nothing is dropped, so a guard's `Drop` alone would leave the stand-in
//! `fetch` and the mounted views (whose effects may still ask for data) to the next test.
//! So every test starts with `let _clean = fixture();`, which first takes away what an
//! earlier test left, and takes away what this one made when it is dropped at the end.

use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// A view mounted and not yet unmounted: its id, its mount handle, its container.
struct Kept {
    id: u32,
    handle: Box<dyn Any>,
    host: web_sys::HtmlElement,
}

impl Kept {
    fn leave(self) {
        drop(self.handle);
        self.host.remove();
    }
}

thread_local! {
    static MOUNTED: RefCell<Vec<Kept>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A view mounted by a test: dropping it unmounts the view and removes its container
/// (what a page does when the shopper leaves it). A test that does not drop it leaves it to
/// the end of the test.
pub struct Mounted(u32);

impl Drop for Mounted {
    fn drop(&mut self) {
        let gone = MOUNTED.with(|m| {
            let mut m = m.borrow_mut();
            let i = m.iter().position(|k| k.id == self.0)?;
            Some(m.remove(i))
        });
        if let Some(kept) = gone {
            kept.leave();
        }
    }
}

/// Keeps a mount handle (and its container) until the view is left or the test ends.
pub fn keep(handle: Box<dyn Any>, host: web_sys::HtmlElement) -> Mounted {
    let id = NEXT_ID.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    MOUNTED.with(|m| m.borrow_mut().push(Kept { id, handle, host }));
    Mounted(id)
}

/// The page as no test touched it: every view unmounted and its container removed, the
/// browser's own `fetch` back.
pub fn clean() {
    let left: Vec<_> = MOUNTED.with(|m| m.borrow_mut().drain(..).collect());
    for kept in left {
        kept.leave();
    }
    js_sys::Function::new_no_args(
        "if (globalThis.__realFetch) globalThis.fetch = globalThis.__realFetch;",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

/// A test's first line: `let _clean = fixture();`.
pub fn fixture() -> Fixture {
    clean();
    Fixture
}

/// Takes away what the test made when the test ends.
pub struct Fixture;

impl Drop for Fixture {
    fn drop(&mut self) {
        clean();
    }
}

/// Whether `fetch` is the browser's own (never replaced, or put back).
pub fn fetch_is_real() -> bool {
    js_sys::Function::new_no_args(
        "return !globalThis.__realFetch || globalThis.fetch === globalThis.__realFetch;",
    )
    .call0(&JsValue::NULL)
    .unwrap()
    .as_bool()
    .unwrap()
}
