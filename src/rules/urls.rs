//! URL fields: absolute https URLs with a real host.

use super::Rule;
use crate::input::{limits, Listing};
use crate::report::Finding;
use crate::rules::delivery_format::quote;

/// Why a URL was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlProblem {
    /// Not http(s) at all (`javascript:`, `ftp:`, relative, ...).
    NotHttp,
    /// `http:` rather than `https:`.
    NotHttps,
    /// Whitespace or control characters inside.
    Whitespace,
    /// No host, or a host with characters a host name cannot have.
    BadHost,
    /// User name or password inside the URL.
    Credentials,
    /// Longer than [`limits::MAX_URL_CHARS`].
    TooLong,
}

impl UrlProblem {
    /// A short phrase for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            UrlProblem::NotHttp => "it is not an http(s) URL",
            UrlProblem::NotHttps => "it uses plain http",
            UrlProblem::Whitespace => "it contains spaces or control characters",
            UrlProblem::BadHost => "it has no valid host name",
            UrlProblem::Credentials => "it carries a user name or password",
            UrlProblem::TooLong => "it is longer than 2048 characters",
        }
    }
}

/// Checks one URL: `Ok` for an absolute https URL with a plausible host.
/// `NotHttps` is returned only when nothing else is wrong.
pub(crate) fn check_url(url: &str) -> Result<(), UrlProblem> {
    if url.chars().count() > limits::MAX_URL_CHARS {
        return Err(UrlProblem::TooLong);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::Whitespace);
    }
    let lower = url.to_ascii_lowercase();
    let (rest, https) = if lower.starts_with("https://") {
        (&url[8..], true)
    } else if lower.starts_with("http://") {
        (&url[7..], false)
    } else {
        return Err(UrlProblem::NotHttp);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(UrlProblem::Credentials);
    }
    let (host, port) = if authority.starts_with('[') {
        // Bracketed IPv6, optionally followed by ":port".
        match authority.find(']') {
            Some(i) => match &authority[i + 1..] {
                "" => (&authority[..=i], None),
                after => match after.strip_prefix(':') {
                    Some(p) => (&authority[..=i], Some(p)),
                    None => return Err(UrlProblem::BadHost),
                },
            },
            None => return Err(UrlProblem::BadHost),
        }
    } else {
        match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Err(UrlProblem::BadHost);
    }
    if !valid_host(host) {
        return Err(UrlProblem::BadHost);
    }
    if https {
        Ok(())
    } else {
        Err(UrlProblem::NotHttps)
    }
}

/// A DNS name with at least one dot (labels of letters, digits and hyphens,
/// any script), an IPv4 address, or a bracketed IPv6 address.
fn valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    }
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.len() > 253 || !host.contains('.') {
        return false;
    }
    host.split('.').all(|label| {
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    })
}

/// Checks every field under `/urls`.
pub(super) fn check(listing: &Listing, out: &mut Vec<Finding>) {
    let Some(urls) = &listing.urls else { return };
    for (key, url) in urls.entries() {
        let path = format!("/urls/{key}");
        if url.trim().is_empty() {
            out.push(
                Finding::new(Rule::UrlInvalid, path, format!("urls.{key} is empty."))
                    .help("Give an https URL or remove the field."),
            );
            continue;
        }
        match check_url(url) {
            Ok(()) => {}
            Err(UrlProblem::NotHttps) => out.push(
                Finding::new(
                    Rule::UrlInsecure,
                    path,
                    format!("urls.{key} {} uses plain http.", quote(url)),
                )
                .help("Serve the page over https and use the https:// address."),
            ),
            Err(problem) => out.push(
                Finding::new(
                    Rule::UrlInvalid,
                    path,
                    format!(
                        "urls.{key} {} is not a valid URL: {}.",
                        quote(url),
                        problem.describe()
                    ),
                )
                .help("Give an absolute URL such as https://www.example.com/product."),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_table() {
        let rows: &[(&str, &str, Result<(), UrlProblem>)] = &[
            ("plain https", "https://example.com", Ok(())),
            (
                "path and query",
                "https://www.example.com/a/b?x=1#y",
                Ok(()),
            ),
            ("port", "https://example.com:8443/x", Ok(())),
            ("uppercase scheme", "HTTPS://EXAMPLE.COM", Ok(())),
            ("idn host", "https://例子.测试/", Ok(())),
            ("ipv6", "https://[2001:db8::1]:443/", Ok(())),
            ("http", "http://example.com", Err(UrlProblem::NotHttps)),
            (
                "javascript",
                "javascript:alert(1)",
                Err(UrlProblem::NotHttp),
            ),
            ("relative", "/products/1", Err(UrlProblem::NotHttp)),
            ("no host", "https://", Err(UrlProblem::BadHost)),
            (
                "single label",
                "https://localhost/",
                Err(UrlProblem::BadHost),
            ),
            ("space", "https://exa mple.com", Err(UrlProblem::Whitespace)),
            (
                "credentials",
                "https://user:pw@example.com",
                Err(UrlProblem::Credentials),
            ),
            (
                "bad port",
                "https://example.com:abc/",
                Err(UrlProblem::BadHost),
            ),
            (
                "underscore host",
                "https://ex_ample.com",
                Err(UrlProblem::BadHost),
            ),
        ];
        for (label, url, want) in rows {
            assert_eq!(check_url(url), *want, "{label}");
        }
    }
}
