"""Checks every page of a built site for WCAG 2.2 AA problems with axe-core 4.x in headless Chromium.

    python3 tests/site/check_accessibility.py SITE_DIR [--all-modes]

Opens every .html page from file:// in one headless Chromium (selenium, /usr/bin/chromedriver), injects
the axe.min.js that PyPI axe-playwright-python ships, and runs it with the tags wcag2a, wcag2aa,
wcag21a, wcag21aa and wcag22aa. The search page is also checked with results showing. A sample of pages
that between them show every page kind (the theme's <body class>) and every element and class name in
the site is checked again in the dark colour scheme and at phone width (320 px, where the page itself must not scroll
sideways: WCAG 1.4.10); --all-modes checks every
page that way (about three times as long).
The same sample is then tabbed through with the keyboard: the first Tab must reach a visible skip link
that moves focus to <main>, and each element Tab reaches (up to 60) must be on screen with an outline or
ring. Prints each violation as `page [mode]: rule (impact) target: help`, then `N passed, N failed` (pages).
Under CI=true missing selenium, Chromium or axe is a failure; elsewhere a visible skip.
"""
import os
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "support"))
from browser import DESKTOP, start_browser  # noqa: E402
from site_pages import html_pages, missing_tool, sample_pages, site_dir_from_argv  # noqa: E402

CHECK = "check_accessibility"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = (320, 640)  # 320 CSS px: the width WCAG 1.4.10 Reflow asks pages to fit

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}, resultTypes: ["violations"]})
  .then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.map(n => n.target.join(" ")), summaries: v.nodes.map(n => n.failureSummary || "")}))}))
  .catch(e => done({error: String(e)}));
"""


def axe_source():
    try:
        import axe_playwright_python
    except ImportError:
        missing_tool(CHECK, "PyPI axe-playwright-python (which ships axe.min.js) is not installed")
    path = Path(axe_playwright_python.__file__).parent / "axe.min.js"
    if not path.is_file():
        missing_tool(CHECK, f"{path} is missing")
    return path.read_text(encoding="utf-8")


def set_mode(driver, dark, width):
    scheme = "dark" if dark else "light"
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"media": "screen", "features": [{"name": "prefers-color-scheme", "value": scheme}]})
    size = PHONE if width == "phone" else DESKTOP
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": size[0], "height": size[1], "deviceScaleFactor": 1, "mobile": width == "phone"})


# At phone width nothing may make the page itself scroll sideways (WCAG 1.4.10); wide things must scroll in
# their own box. Returns the first element or text that sticks out, or null.
OVERFLOW = """
var width = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth <= width + 1) { return null; }
function clipped(e) {
  for (var a = e.parentElement; a && a !== document.body; a = a.parentElement) {
    if (getComputedStyle(a).overflowX !== "visible") { return true; }
  }
  return false;
}
function name(e) { return e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : ""); }
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), range = document.createRange();
while (walker.nextNode()) {
  var parent = walker.currentNode.parentElement;
  range.selectNodeContents(walker.currentNode);
  if (range.getBoundingClientRect().right > width + 1 && !clipped(walker.currentNode)) {
    return name(parent) + ' ("' + walker.currentNode.textContent.trim().slice(0, 50) + '")';
  }
}
var all = document.body.querySelectorAll("*");
for (var i = 0; i < all.length; i++) {
  if (all[i].getBoundingClientRect().right > width + 1 && !clipped(all[i])) { return name(all[i]); }
}
return "html";
"""


def run_axe(driver, url, source, phone=False):
    driver.get(url)
    if "?q=" in url:  # search results are drawn by script after load
        for _ in range(50):
            if driver.execute_script("var r = document.getElementById('search-results'); return r && r.children.length"):
                break
            time.sleep(0.1)
    driver.execute_script(source)
    result = driver.execute_async_script(RUN_AXE, TAGS)
    if "error" in result:
        raise RuntimeError(result["error"])
    violations = result["violations"]
    if phone:
        overflow = driver.execute_script(OVERFLOW)
        if overflow:
            violations.append({"id": "reflow", "impact": "serious", "targets": [overflow], "summaries": [""],
                               "help": f"Page must not scroll sideways at {PHONE[0]} px; wide content needs its own scroll box"})
    return violations


FOCUSED = """
var el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) { return null; }
function describe(e) {
  var parts = [];
  for (; e && e.nodeType === 1 && parts.length < 3; e = e.parentElement) {
    var part = e.tagName.toLowerCase();
    if (e.id) { parts.unshift(part + "#" + e.id); break; }
    if (e.classList.length) { part += "." + Array.prototype.join.call(e.classList, "."); }
    if (e.getAttribute("href")) { part += '[href="' + e.getAttribute("href") + '"]'; }
    parts.unshift(part);
  }
  return parts.join(" > ");
}
var style = getComputedStyle(el), box = el.getBoundingClientRect();
return {target: describe(el), id: el.id, skip: el.classList.contains("skip-link"),
        indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) ||
                   (style.boxShadow && style.boxShadow !== "none"),
        inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
                box.top < window.innerHeight && box.left < window.innerWidth};
"""
MAX_TABS = 60


def press(driver, key, code, key_code):
    for kind in ("keyDown", "keyUp"):
        driver.execute_cdp_cmd("Input.dispatchKeyEvent",
                               {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code})


def keyboard_problems(driver, url, has_skip_link):
    """Tabs through the page as a keyboard user would: the first Tab reaches a skip link that shows and
    moves focus to the main content; every element Tab reaches is on screen and has a focus indicator."""
    driver.get(url)
    problems = []
    press(driver, "Tab", "Tab", 9)
    first = driver.execute_script(FOCUSED)
    if has_skip_link:
        if not first or not first["skip"] or not first["inView"]:
            problems.append(("skip-link", first["target"] if first else "body",
                             "The first Tab must reach a visible 'Skip to main content' link"))
        else:
            press(driver, "Enter", "Enter", 13)
            after = driver.execute_script(FOCUSED)
            if not after or after["id"] != "main":
                problems.append(("skip-link", first["target"], "The skip link must move focus to <main id=\"main\">"))
            driver.get(url)
            press(driver, "Tab", "Tab", 9)
            first = driver.execute_script(FOCUSED)
    seen, focused = set(), first
    for _ in range(MAX_TABS):
        if focused is None or focused["target"] in seen:
            break
        seen.add(focused["target"])
        if not focused["inView"]:
            problems.append(("focus-off-screen", focused["target"], "Tab moved focus to something not on screen"))
        elif not focused["indicator"]:
            problems.append(("focus-visible", focused["target"], "Focused element shows no outline or ring"))
        press(driver, "Tab", "Tab", 9)
        focused = driver.execute_script(FOCUSED)
    return problems


def main():
    all_modes = "--all-modes" in sys.argv
    if all_modes:
        sys.argv.remove("--all-modes")
    site = site_dir_from_argv("usage: check_accessibility.py SITE_DIR [--all-modes]")
    source = axe_source()
    pages = html_pages(site)
    driver = start_browser(CHECK)

    runs = [(page, "", "light", "desktop") for page in pages]
    if "search/index.html" in pages:
        runs.append(("search/index.html", "?q=consent", "light", "desktop"))
    sample = pages if all_modes else sample_pages(site, pages)
    for page in sample:
        query = "?q=consent" if page == "search/index.html" else ""
        runs.append((page, query, "dark", "desktop"))
        runs.append((page, query, "light", "phone"))

    failed_pages, violation_count, rules = set(), 0, {}
    started, mode = time.time(), None
    try:
        set_mode(driver, False, "desktop")
        for page in sample:
            html = Path(site, page).read_text(encoding="utf-8")
            for rule, target, help_text in keyboard_problems(driver, Path(site, page).as_uri(), 'class="skip-link"' in html):
                print(f"{page} [keyboard]: {rule} (serious) {target}: {help_text}")
                violation_count += 1
                rules[rule] = rules.get(rule, 0) + 1
                failed_pages.add(page)
        mode = ("light", "desktop")
        for page, query, scheme, width in runs:
            if mode != (scheme, width):
                mode = (scheme, width)
                set_mode(driver, scheme == "dark", width)
            label = page + query + ("" if (scheme, width) == ("light", "desktop") else f" [{scheme}, {width}]")
            url = Path(site, page).as_uri() + query
            try:
                violations = run_axe(driver, url, source, phone=width == "phone")
            except Exception as error:
                print(f"{label}: axe did not run: {str(error).splitlines()[0]}")
                failed_pages.add(page)
                continue
            for violation in violations:
                violation_count += len(violation["targets"])
                rules[violation["id"]] = rules.get(violation["id"], 0) + len(violation["targets"])
                for target, summary in zip(violation["targets"], violation["summaries"]):
                    print(f"{label}: {violation['id']} ({violation['impact']}) {target}: {violation['help']}")
                    detail = " ".join(summary.split())
                    if detail:
                        print(f"    {detail[:300]}")
            if violations:
                failed_pages.add(page)
    finally:
        driver.quit()

    print(f"axe-core {TAGS}: {len(runs)} runs over {len(pages)} pages ({len(sample)} sample pages also dark, at "
          f"phone width and by keyboard) in {time.time() - started:.0f} s; {violation_count} violations")
    for rule, count in sorted(rules.items(), key=lambda item: -item[1]):
        print(f"  {rule}: {count}")
    print(f"{len(pages) - len(failed_pages)} passed, {len(failed_pages)} failed")
    sys.exit(1 if failed_pages else 0)


if __name__ == "__main__":
    main()
