"""What the browser tests share: signing in through the login page as a person would."""

from urllib.parse import urlparse


def log_in(page, username: str, password: str) -> None:
    """Fill the login form and wait for the home page."""
    page.goto("/login/")
    page.get_by_label("Tên đăng nhập, e-mail hoặc số điện thoại").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: urlparse(url).path == "/")
