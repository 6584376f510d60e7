//! Configuration: built-in defaults, then a TOML file, then the environment
//! (`DUBAN_DATABASE_URL`, `DUBAN_DATA_DIR`, `DUBAN_LISTEN`, `DUBAN_MAX_UPLOAD_MB`,
//! `DUBAN_TRUSTED_PROXIES`, `DUBAN_BASE_URL`), then command-line flags.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    database_url: Option<String>,
    data_dir: Option<PathBuf>,
    listen: Option<String>,
    /// Largest accepted upload or import, in MB (default 20).
    max_upload_mb: Option<u64>,
    /// Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed.
    trusted_proxies: Option<Vec<String>>,
    /// The address people open duban at, for links in digests and webhooks.
    base_url: Option<String>,
}

/// Default of `max_upload_mb`.
pub const DEFAULT_MAX_UPLOAD_MB: u64 = 20;

/// Where a setting's value came from, as `duban config` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Default,
    File,
    Env,
    Flag,
}

impl Source {
    fn label(self) -> &'static str {
        match self {
            Source::Default => "默认值",
            Source::File => "配置文件",
            Source::Env => "环境变量",
            Source::Flag => "命令行参数",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub listen: String,
    /// Whether the listen address was chosen by the user (then it is used exactly; the
    /// default moves to the next free port when taken).
    pub listen_explicit: bool,
    pub file: Option<PathBuf>,
    /// Largest accepted upload or import, in MB (`max_upload_mb`, `DUBAN_MAX_UPLOAD_MB`).
    pub max_upload_mb: u64,
    /// Addresses or CIDR blocks of reverse proxies (`trusted_proxies`,
    /// `DUBAN_TRUSTED_PROXIES` comma-separated); empty: the peer address is used.
    pub trusted_proxies: Vec<String>,
    /// The address people open duban at (`base_url`, `DUBAN_BASE_URL`), e.g.
    /// `http://duban.gov.local`: links in digests and webhooks become absolute. Unset:
    /// relative paths.
    pub base_url: Option<String>,
    sources: [Source; 3],
}

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

pub struct Overrides {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub listen: Option<String>,
}

impl Config {
    pub fn load(o: Overrides) -> Result<Config> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let file_path = o
            .config
            .clone()
            .or_else(|| env("DUBAN_CONFIG").map(PathBuf::from));
        // Without an explicit file, a duban.toml in the data directory is read if present.
        let pre_data_dir = o
            .data_dir
            .clone()
            .or_else(|| env("DUBAN_DATA_DIR").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("data"));
        let (file, file_used) = match file_path {
            Some(p) => (read_file(&p)?, Some(p)),
            None => {
                let p = pre_data_dir.join("duban.toml");
                if p.exists() {
                    (read_file(&p)?, Some(p))
                } else {
                    (FileConfig::default(), None)
                }
            }
        };
        let pick = |flag: Option<String>,
                    env_key: &str,
                    file: Option<String>,
                    default: String|
         -> (String, Source) {
            if let Some(v) = flag {
                (v, Source::Flag)
            } else if let Some(v) = env(env_key) {
                (v, Source::Env)
            } else if let Some(v) = file {
                (v, Source::File)
            } else {
                (default, Source::Default)
            }
        };
        let (data_dir, s_dir) = pick(
            o.data_dir.map(|p| p.to_string_lossy().into_owned()),
            "DUBAN_DATA_DIR",
            file.data_dir.map(|p| p.to_string_lossy().into_owned()),
            "data".into(),
        );
        let data_dir = PathBuf::from(data_dir);
        let default_url = sqlite_url(&data_dir.join("duban.db"));
        let (database_url, s_url) = pick(
            o.database_url,
            "DUBAN_DATABASE_URL",
            file.database_url,
            default_url,
        );
        let (listen, s_listen) = pick(o.listen, "DUBAN_LISTEN", file.listen, DEFAULT_LISTEN.into());
        let max_upload_mb = match env("DUBAN_MAX_UPLOAD_MB") {
            Some(v) => v
                .trim()
                .parse::<u64>()
                .with_context(|| format!("DUBAN_MAX_UPLOAD_MB 应为整数（MB），收到 {v}"))?,
            None => file.max_upload_mb.unwrap_or(DEFAULT_MAX_UPLOAD_MB),
        };
        if !(1..=1024).contains(&max_upload_mb) {
            anyhow::bail!("max_upload_mb 应在 1 到 1024 之间，收到 {max_upload_mb}");
        }
        let trusted_proxies: Vec<String> = match env("DUBAN_TRUSTED_PROXIES") {
            Some(v) => v
                .split(',')
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty())
                .collect(),
            None => file.trusted_proxies.unwrap_or_default(),
        };
        if let Some(bad) = trusted_proxies
            .iter()
            .find(|p| !duban_app::valid_proxy_spec(p))
        {
            anyhow::bail!(
                "trusted_proxies 中的“{bad}”不是 IP 地址或网段（如 10.0.0.1、10.0.0.0/8）"
            );
        }
        let base_url = env("DUBAN_BASE_URL")
            .or(file.base_url)
            .map(|u| u.trim().trim_end_matches('/').to_string())
            .filter(|u| !u.is_empty());
        if let Some(u) = &base_url
            && !(u.starts_with("http://") || u.starts_with("https://"))
        {
            anyhow::bail!("base_url 应以 http:// 或 https:// 开头，收到 {u}");
        }
        Ok(Config {
            base_url,
            max_upload_mb,
            trusted_proxies,
            data_dir,
            database_url,
            listen_explicit: s_listen != Source::Default,
            listen,
            file: file_used,
            sources: [s_dir, s_url, s_listen],
        })
    }

    pub fn max_upload_bytes(&self) -> usize {
        (self.max_upload_mb as usize).saturating_mul(1024 * 1024)
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url.starts_with("postgres://")
            || self.database_url.starts_with("postgresql://")
    }

    /// The settings as `duban config` prints them, with any password hidden.
    pub fn describe(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "配置文件      {}\n",
            self.file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "（无）".into())
        ));
        s.push_str(&format!(
            "data_dir      {}    [{}，DUBAN_DATA_DIR]\n",
            self.data_dir.display(),
            self.sources[0].label()
        ));
        s.push_str(&format!(
            "database_url  {}    [{}，DUBAN_DATABASE_URL]\n",
            redact(&self.database_url),
            self.sources[1].label()
        ));
        s.push_str(&format!(
            "listen        {}    [{}，DUBAN_LISTEN]\n",
            self.listen,
            self.sources[2].label()
        ));
        s.push_str(&format!("max_upload_mb {} MB\n", self.max_upload_mb));
        s.push_str(&format!(
            "trusted_proxies {}\n",
            if self.trusted_proxies.is_empty() {
                "（无：使用连接的对端地址）".to_string()
            } else {
                self.trusted_proxies.join(", ")
            }
        ));
        s.push_str(&format!(
            "base_url      {}\n",
            self.base_url
                .as_deref()
                .unwrap_or("（无：消息中的链接为相对路径）")
        ));
        s.push_str(&format!(
            "数据库类型    {}\n",
            if self.is_postgres() {
                "PostgreSQL"
            } else {
                "SQLite"
            }
        ));
        s
    }
}

fn read_file(p: &Path) -> Result<FileConfig> {
    let text =
        std::fs::read_to_string(p).with_context(|| format!("无法读取配置文件 {}", p.display()))?;
    toml::from_str(&text).with_context(|| format!("配置文件 {} 格式错误", p.display()))
}

pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

/// Hides the password of a `postgres://user:password@host/db` URL.
pub fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((cred, host)) = rest.split_once('@')
        && let Some((user, _)) = cred.split_once(':')
    {
        return format!("{scheme}://{user}:******@{host}");
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://duban:s3cret@db:5432/duban"),
            "postgres://duban:******@db:5432/duban"
        );
        assert_eq!(redact("sqlite://data/duban.db"), "sqlite://data/duban.db");
    }

    #[test]
    fn flags_beat_files_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.toml");
        std::fs::write(&f, "listen = \"0.0.0.0:9000\"\ndata_dir = \"/srv/duban\"\n").unwrap();
        let c = Config::load(Overrides {
            config: Some(f.clone()),
            data_dir: None,
            database_url: None,
            listen: Some("127.0.0.1:1".into()),
        })
        .unwrap();
        assert_eq!(c.listen, "127.0.0.1:1");
        assert!(c.listen_explicit);
        if std::env::var("DUBAN_DATA_DIR").is_err() {
            assert_eq!(c.data_dir, PathBuf::from("/srv/duban"));
            assert_eq!(c.database_url, "sqlite:///srv/duban/duban.db");
        }
        std::fs::write(
            &f,
            "max_upload_mb = 5\ntrusted_proxies = [\"10.0.0.0/8\", \"::1\"]\n",
        )
        .unwrap();
        let c = Config::load(Overrides {
            config: Some(f.clone()),
            data_dir: None,
            database_url: None,
            listen: None,
        })
        .unwrap();
        if std::env::var("DUBAN_MAX_UPLOAD_MB").is_err() {
            assert_eq!(c.max_upload_bytes(), 5 * 1024 * 1024);
        }
        if std::env::var("DUBAN_TRUSTED_PROXIES").is_err() {
            assert_eq!(c.trusted_proxies, vec!["10.0.0.0/8", "::1"]);
        }
        std::fs::write(&f, "trusted_proxies = [\"proxy.local\"]\n").unwrap();
        assert!(
            Config::load(Overrides {
                config: Some(f.clone()),
                data_dir: None,
                database_url: None,
                listen: None
            })
            .is_err()
        );
        if std::env::var("DUBAN_BASE_URL").is_err() {
            std::fs::write(&f, "base_url = \"http://duban.gov.local/\"\n").unwrap();
            let o = || Overrides {
                config: Some(f.clone()),
                data_dir: None,
                database_url: None,
                listen: None,
            };
            assert_eq!(
                Config::load(o()).unwrap().base_url.as_deref(),
                Some("http://duban.gov.local")
            );
            std::fs::write(&f, "base_url = \"duban.gov.local\"\n").unwrap();
            assert!(Config::load(o()).is_err());
        }
        std::fs::write(&f, "lisen = 1\n").unwrap();
        assert!(
            Config::load(Overrides {
                config: Some(f),
                data_dir: None,
                database_url: None,
                listen: None
            })
            .is_err()
        );
    }
}
