"""Headless Chromium through selenium, shared by the browser checks in tests/site/."""

import os
import shutil

from site_pages import missing_tool

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
DESKTOP = (1280, 900)


def start_browser(check):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing_tool(check, "PyPI selenium is not installed")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(tool) or shutil.which(tool)):
            missing_tool(check, f"{tool} is missing (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--disable-extensions", "--allow-file-access-from-files", "--hide-scrollbars",
                     f"--window-size={DESKTOP[0]},{DESKTOP[1]}"):
        options.add_argument(argument)
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    except Exception as error:  # selenium raises several kinds when the browser cannot start
        missing_tool(check, f"headless Chromium would not start: {str(error).splitlines()[0]}")
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(120)
    return driver




def downloaded_csv(driver, downloads, name):
    """Clicks the form's "Download answers" button and returns the file's rows, or None if nothing arrives."""
    import csv
    import io
    import time
    driver.execute_script("document.querySelector('[data-action=\"download\"]').click();")
    path = os.path.join(downloads, name)
    for _ in range(50):
        if os.path.exists(path) and not os.path.exists(path + ".crdownload"):
            break
        time.sleep(0.1)
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8-sig") as handle:
        return list(csv.reader(io.StringIO(handle.read())))
