//! What handlers take from a request: the logged-in user (pages and API), client info, the
//! htmx header, JSON bodies and typed multipart uploads with Chinese rejections, and the
//! parsing of form values. Extractors only authenticate; what the actor may do is decided
//! in duban-app.

use crate::error::{ApiError, PageError};
use crate::session::COOKIE;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use axum_typed_multipart::{TryFromMultipartWithState, TypedMultipart, TypedMultipartError};
use duban_app::{Actor, App, AppError, Seen, auth};

/// Largest upload body of the report and progress import forms and of attachments: the
/// app's 20 MB file limit plus room for the other fields and the multipart framing.
pub const MAX_UPLOAD_BODY: usize = 21 * 1024 * 1024;

fn peer(parts: &Parts) -> Option<std::net::IpAddr> {
    peer_of(&parts.extensions)
}

fn peer_of(ext: &axum::http::Extensions) -> Option<std::net::IpAddr> {
    ext.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|ci| ci.0.ip())
}

/// The client's address: the peer's, or — only when the peer is one of the configured
/// `trusted_proxies` — the nearest untrusted address of `X-Forwarded-For` (read from the
/// right, since anything left of our own proxies' entries is the client's to forge).
pub fn client_ip(parts: &Parts, settings: &duban_app::Settings) -> Option<String> {
    client_addr(&parts.headers, &parts.extensions, settings).map(|ip| ip.to_string())
}

/// [`client_ip`] from a request's headers and extensions (the login rate limiter keys on it).
pub fn client_addr(
    headers: &axum::http::HeaderMap,
    ext: &axum::http::Extensions,
    settings: &duban_app::Settings,
) -> Option<std::net::IpAddr> {
    let peer = peer_of(ext)?;
    if !settings.is_trusted_proxy(peer) {
        return Some(peer);
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in forwarded.iter().rev() {
        let Ok(ip) = hop.parse::<std::net::IpAddr>() else {
            break;
        };
        client = ip;
        if !settings.is_trusted_proxy(ip) {
            break;
        }
    }
    Some(client)
}

/// The login rate limiter's key: the same client address as the lockout and the sessions
/// record, so that behind a trusted proxy each client has its own bucket (and not everyone
/// the proxy's one), while a forged `X-Forwarded-For` from elsewhere changes nothing.
#[derive(Clone)]
pub struct ClientKey(pub std::sync::Arc<duban_app::Settings>);

impl tower_governor::key_extractor::KeyExtractor for ClientKey {
    type Key = std::net::IpAddr;
    fn extract<T>(
        &self,
        req: &axum::http::Request<T>,
    ) -> Result<Self::Key, tower_governor::GovernorError> {
        client_addr(req.headers(), req.extensions(), &self.0)
            .ok_or(tower_governor::GovernorError::UnableToExtractKey)
    }
}

/// Whether the browser talks https to us: only a trusted proxy's `X-Forwarded-Proto` says
/// so (duban itself listens on plain http).
pub fn is_https(parts: &Parts, settings: &duban_app::Settings) -> bool {
    peer(parts).is_some_and(|p| settings.is_trusted_proxy(p))
        && parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
}

/// The actor of the session cookie, and the counters read first (what the request's kept
/// results are looked up at).
async fn actor_of(parts: &Parts, app: &App) -> Result<(Actor, Seen), AppError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let token = jar
        .get(COOKIE)
        .map(|c| c.value().to_string())
        .ok_or(AppError::Unauthenticated)?;
    let seen = duban_app::seen(app).await?;
    Ok((auth::actor_for_token_at(app, &token, seen).await?, seen))
}

tokio::task_local! {
    /// The logged-in user's unread inbox messages, for the header of the page being
    /// rendered: counted once per page request by [`PageUser`], read by `Me::of`, so no
    /// page handler has to pass it along.
    static UNREAD: std::cell::Cell<i64>;
}

/// Gives each request its own unread count and plan chooser (layered around the whole
/// router).
pub async fn unread_scope(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let run = CHOOSER.scope(std::cell::RefCell::default(), next.run(req));
    UNREAD.scope(std::cell::Cell::new(0), run).await
}

/// The header's plan chooser of the page being rendered: the plans the user sees, the one
/// shown when none is asked for, and the one this page shows (set by `pages::plan_ctx`).
#[derive(Debug, Clone, Default)]
pub struct Chooser {
    /// (plan id, government, year), newest first.
    pub plans: Vec<(i64, String, i64)>,
    /// The plan pages show without `?plan=` (the remembered choice, else the newest).
    pub default: Option<i64>,
    /// The plan this page shows, when it shows one.
    pub current: Option<i64>,
    /// The page's path, for the chooser to come back to and for its shareable link.
    pub path: String,
    /// What the chooser was built from (the plans as the app gave them), for the page to
    /// pick its plan from without asking again.
    pub choice: Option<std::sync::Arc<duban_app::plan_choice::Choice>>,
    /// The counters the request read first.
    pub seen: Option<Seen>,
}

tokio::task_local! {
    static CHOOSER: std::cell::RefCell<Chooser>;
}

/// The chooser of the current page request (empty outside one).
pub fn chooser() -> Chooser {
    CHOOSER.try_with(|c| c.borrow().clone()).unwrap_or_default()
}

/// The plans the chooser of this GET request was built from, with the counters read first
/// (None outside one, and for requests that change something).
pub fn choice() -> Option<(std::sync::Arc<duban_app::plan_choice::Choice>, Seen)> {
    CHOOSER
        .try_with(|c| {
            let c = c.borrow();
            Some((c.choice.clone()?, c.seen?))
        })
        .ok()
        .flatten()
}

/// Notes the plan the page being rendered shows.
pub fn showing_plan(plan_id: i64) {
    let _ = CHOOSER.try_with(|c| c.borrow_mut().current = Some(plan_id));
}

/// The unread count of the current page request (0 outside one).
pub fn unread() -> i64 {
    UNREAD.try_with(std::cell::Cell::get).unwrap_or(0)
}

/// A logged-in user of a page; otherwise a redirect to the login page.
pub struct PageUser {
    pub actor: Actor,
    /// The counters read first, for a GET (a page that shows and changes nothing): its
    /// kept results are looked up at them. None for a request that changes something, which
    /// must read what its own change made.
    pub seen: Option<Seen>,
}

impl FromRequestParts<App> for PageUser {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        match actor_of(parts, app).await {
            Ok((actor, seen)) => {
                // The header's count and chooser; only pages that render (GET) need them.
                if parts.method != axum::http::Method::GET {
                    return Ok(Self { actor, seen: None });
                }
                let n = duban_app::chase::inbox::unread_count_at(app, &actor, seen)
                    .await
                    .unwrap_or(0);
                let _ = UNREAD.try_with(|c| c.set(n));
                // The plans for the header's chooser; a failure only hides it.
                if let Ok(choice) = duban_app::plan_choice::choice_at(app, &actor, seen).await {
                    let _ = CHOOSER.try_with(|c| {
                        let mut c = c.borrow_mut();
                        c.plans = choice
                            .plans
                            .iter()
                            .map(|p| (p.id, p.government_name.clone(), p.year))
                            .collect();
                        c.default = choice.default;
                        c.path = parts.uri.path().to_string();
                        c.choice = Some(choice);
                        c.seen = Some(seen);
                    });
                }
                Ok(Self {
                    actor,
                    seen: Some(seen),
                })
            }
            Err(err) => Err(PageError::new(err)
                .coming_back_to(parts.uri.path_and_query().map(|p| p.as_str().to_string()))),
        }
    }
}

/// A logged-in caller of the API; otherwise 401 with a JSON error.
pub struct ApiUser {
    pub actor: Actor,
    /// As [`PageUser::seen`]: for a GET only.
    pub seen: Option<Seen>,
}

impl FromRequestParts<App> for ApiUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let (actor, seen) = actor_of(parts, app).await?;
        let get = parts.method == axum::http::Method::GET;
        Ok(Self {
            actor,
            seen: get.then_some(seen),
        })
    }
}

/// The client address (see [`client_ip`]), whether it reached us over https, and the user
/// agent, recorded with the session.
pub struct ClientInfo {
    pub ip: Option<String>,
    pub https: bool,
    pub user_agent: Option<String>,
}

impl FromRequestParts<App> for ClientInfo {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        Ok(Self {
            ip: client_ip(parts, &app.settings),
            https: is_https(parts, &app.settings),
            user_agent: parts
                .headers
                .get(axum::http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(|s| s.chars().take(256).collect()),
        })
    }
}

/// Whether the request comes from htmx (`HX-Request: true`), which wants a fragment.
pub struct Htmx(pub bool);

impl<S: Send + Sync> FromRequestParts<S> for Htmx {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(
            parts
                .headers
                .get("hx-request")
                .is_some_and(|v| v.as_bytes() == b"true"),
        ))
    }
}

/// A JSON body whose rejection is a Chinese `{"error": …}` like every other API error.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Self(v)),
            Err(e) => Err(ApiError::new(AppError::BadInput(match e {
                JsonRejection::JsonDataError(e) => format!("请求内容有误：{}", e.body_text()),
                JsonRejection::MissingJsonContentType(_) => {
                    "请求须为 JSON（Content-Type: application/json）".into()
                }
                other => format!("请求内容不是有效的 JSON：{}", other.body_text()),
            }))),
        }
    }
}

/// A multipart upload read into `T` (derive `TryFromMultipart`); its rejection is the
/// app's BadInput with a Chinese message, so that each face shows it its own way.
pub struct Upload<T>(pub T);

impl<S: Send + Sync, T: TryFromMultipartWithState<S> + Send> FromRequest<S> for Upload<T> {
    type Rejection = UploadRejection;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match TypedMultipart::<T>::from_request(req, state).await {
            Ok(TypedMultipart(v)) => Ok(Self(v)),
            Err(e) => Err(UploadRejection(multipart_error(e))),
        }
    }
}

impl<T: TryFromMultipartWithState<App> + Send> Upload<T> {
    /// Reads the multipart body of `req`, which the handler calls only after the app has
    /// allowed the upload (so that a refused one is answered before its body is read). At
    /// most the app's `max_upload_bytes` (or `max_attachment_bytes`, the larger) plus room
    /// for the form's other fields: a larger declared length is refused unread, a longer
    /// body is cut off there. Routes using this disable axum's fixed body limit.
    pub async fn read(req: Request, app: &App) -> Result<Self, UploadRejection> {
        let file_limit = app
            .settings
            .max_upload_bytes
            .max(app.settings.max_attachment_bytes);
        let limit = file_limit + FORM_ROOM;
        let too_large = || {
            UploadRejection(AppError::BadInput(format!(
                "上传内容过大，文件不能超过 {} MB",
                (file_limit / 1024 / 1024).max(1)
            )))
        };
        let declared = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit) {
            return Err(too_large());
        }
        let req = req.map(|b| axum::body::Body::new(http_body_util::Limited::new(b, limit)));
        match TypedMultipart::<T>::from_request(req, app).await {
            Ok(TypedMultipart(v)) => Ok(Self(v)),
            Err(e) if e.get_status() == StatusCode::PAYLOAD_TOO_LARGE => Err(too_large()),
            Err(e) => Err(UploadRejection(multipart_error(e))),
        }
    }
}

/// Room for an upload form's other fields and the multipart framing.
const FORM_ROOM: usize = 1024 * 1024;

/// Why an upload could not be read. Handlers take `Result<Upload<T>, UploadRejection>`
/// and show the message their own way (on the form, as a page, as JSON).
#[derive(Debug)]
pub struct UploadRejection(pub AppError);

impl From<UploadRejection> for AppError {
    fn from(r: UploadRejection) -> Self {
        r.0
    }
}

impl axum::response::IntoResponse for UploadRejection {
    fn into_response(self) -> axum::response::Response {
        crate::error::UploadError::new(self.0).into_response()
    }
}

fn multipart_error(e: TypedMultipartError) -> AppError {
    match e {
        TypedMultipartError::InvalidRequest { .. } => {
            AppError::BadInput("请以 multipart/form-data 表单上传文件".into())
        }
        e if e.get_status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::BadInput(format!(
            "上传内容过大，文件不能超过 {} MB",
            MAX_UPLOAD_BODY / 1024 / 1024 - 1
        )),
        TypedMultipartError::InvalidRequestBody { source } => {
            AppError::BadInput(format!("上传的表单有误：{}", source.body_text()))
        }
        other => AppError::BadInput(format!("上传的表单有误：{other}")),
    }
}

/// A form field by name, trimmed; empty when missing (forms whose field names are built
/// from ids, like the decomposition table).
pub fn field<'a>(form: &'a [(String, String)], name: &str) -> &'a str {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

/// An uploaded file: its name as the client gave it and its bytes.
pub type File = axum_typed_multipart::FieldData<axum::body::Bytes>;

/// The file of an upload form, or a message asking for one. A file input left empty
/// sends a part without a name and without bytes; an empty file with a name is kept, so
/// that the app can say the file is empty.
pub fn require_file(f: Option<File>) -> Result<(String, Vec<u8>), AppError> {
    chosen(f).ok_or_else(|| AppError::BadInput("请选择要上传的文件".into()))
}

/// The file of an upload form if one was chosen.
pub fn chosen(f: Option<File>) -> Option<(String, Vec<u8>)> {
    let f = f?;
    let name = f.metadata.file_name.unwrap_or_default();
    if name.is_empty() && f.contents.is_empty() {
        return None;
    }
    Some((name, f.contents.to_vec()))
}

/// A text field of a form, trimmed; empty when missing.
pub fn text(v: &Option<String>) -> String {
    v.as_deref().map(str::trim).unwrap_or_default().to_string()
}

/// Parses YYYY-MM-DD.
pub fn parse_date(s: &str) -> Result<time::Date, AppError> {
    let f = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), f)
        .map_err(|_| AppError::BadInput(format!("日期“{s}”应为 YYYY-MM-DD")))
}

/// The year field of an upload form: empty means none.
pub fn opt_year(s: &str) -> Result<Option<i32>, AppError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| AppError::BadInput(format!("年份“{s}”应为四位数字")))
}

pub fn opt_id(s: &str) -> Result<Option<i64>, AppError> {
    if s.is_empty() {
        Ok(None)
    } else {
        s.parse()
            .map(Some)
            .map_err(|_| AppError::BadInput(format!("编号“{s}”无效")))
    }
}

pub fn opt_f64(s: &str, what: &str) -> Result<Option<f64>, AppError> {
    if s.is_empty() {
        Ok(None)
    } else {
        s.replace([',', '，'], "")
            .parse()
            .map(Some)
            .map_err(|_| AppError::BadInput(format!("{what}“{s}”不是数字")))
    }
}
