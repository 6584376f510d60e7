//! The session cookie: how it is set and removed, and where a login may send people next.

use axum_extra::extract::cookie::{Cookie, SameSite};

/// Name of the session cookie.
pub const COOKIE: &str = "duban_session";

/// The session cookie for a fresh login: HttpOnly, SameSite=Lax, Path=/, Secure when the
/// browser talks https to us (as a trusted proxy says; see `extract::is_https`).
pub fn login_cookie(token: String, https: bool) -> Cookie<'static> {
    let mut c = Cookie::new(COOKIE, token);
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_path("/");
    c.set_secure(https);
    c
}

pub fn removal_cookie() -> Cookie<'static> {
    let mut c = Cookie::from(COOKIE);
    c.set_path("/");
    c
}

/// Only same-site relative paths may be a login's `next` (no `//host`, no scheme).
pub fn safe_next(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains("://")
        && !next.chars().any(|c| c.is_control())
}

/// Percent-encodes a `next` path for the login URL.
pub fn urlencode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
