"""A real browser on the phone pages: the system Chromium, driven by Selenium.

The join page is opened from the URL decoded out of the projector's QR code; a vote and a
changed vote reach ``server.tally()``; a wrong facilitator PIN shows nothing of the notes, the
right one shows them and a control click reaches ``poll_commands()``. Screenshots at phone
size go to build/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from classroom_helpers import decode_qr, run, start
from polling import until

from bench.phones import Phone, session

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
SHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
NOTES = "Tanyakan kapan batas waktu pelaporan gratifikasi dimulai."
PHONE = (412, 915)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM.exists() and DRIVER.exists()):
        if os.environ.get("CI"):
            pytest.fail("CI must install chromium and chromium-driver (see .ci/run)")
        pytest.skip("needs the system chromium and chromium-driver (apt-get install)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={PHONE[0]},{PHONE[1]}")
    metrics = {"width": PHONE[0], "height": PHONE[1], "pixelRatio": 1.0}
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": metrics})
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()


def shot(driver, name: str, full: bool = False) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    if full:  # the whole page, beyond the phone's viewport
        import base64

        data = driver.execute_cdp_cmd(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}
        )["data"]
        path.write_bytes(base64.b64decode(data))
    else:
        driver.save_screenshot(str(path))
    return path


def test_a_phone_votes_and_changes_its_vote_in_chromium(browser):
    from selenium.webdriver.common.by import By

    server = start()
    try:
        ballot = server.open_vote(
            "gratifikasi/n1",
            [
                {"id": "Tolak dengan sopan dan laporkan ke UPG", "en": "Refuse politely, report"},
                {"id": "Terima, lalu laporkan dalam 30 hari kerja", "en": "Accept, then report"},
                {"id": "Terima saja; itu tanda terima kasih", "en": "Just accept it"},
            ],
            prompt={"id": "Apa yang Anda lakukan?", "en": "What do you do?"},
        )
        url = decode_qr(server.qr_png(300))
        browser.get(url)
        buttons = until(lambda: browser.find_elements(By.CSS_SELECTOR, ".opt"), what="options")
        assert len(buttons) == 3
        assert "Apa yang Anda lakukan?" in browser.find_element(By.ID, "prompt").text
        name = browser.find_element(By.ID, "name")
        name.send_keys("Rina 199001012015032001")
        browser.find_element(By.CSS_SELECTOR, "#nameform button").click()
        until(lambda: "tersimpan" in browser.find_element(By.ID, "sent").text, what="name saved")

        buttons[1].click()
        until(lambda: server.tally().counts == (0, 1, 0), what="the vote in tally()")
        until(lambda: "Terkirim" in browser.find_element(By.ID, "sent").text, what="terkirim")
        assert server.tally().named == (("Rina 199001012015032001", 1),)
        shot(browser, "join.png")

        browser.find_elements(By.CSS_SELECTOR, ".opt")[2].click()
        until(lambda: server.tally().counts == (0, 0, 1), what="the changed vote in tally()")
        assert server.tally().voters == 1 and server.tally().ballot == ballot
        pressed = [
            b.get_attribute("aria-pressed") for b in browser.find_elements(By.CSS_SELECTOR, ".opt")
        ]
        assert pressed == ["false", "false", "true"]

        browser.find_element(By.ID, "lang").click()
        until(lambda: "What do you do?" in browser.find_element(By.ID, "prompt").text, what="en")
        assert "Just accept it" in browser.find_elements(By.CSS_SELECTOR, ".opt")[2].text
        shot(browser, "join-en.png")
        browser.find_element(By.ID, "lang").click()

        server.close_vote()  # pushed over the WebSocket: the buttons lock
        until(
            lambda: all(not b.is_enabled() for b in browser.find_elements(By.CSS_SELECTOR, ".opt")),
            what="buttons disabled after close",
        )
        assert "ditutup" in browser.find_element(By.ID, "status").text
        shot(browser, "join-closed.png")
        assert server.tally().counts == (0, 0, 1)
    finally:
        server.stop()


def test_facilitator_page_wants_the_pin_then_shows_notes_and_controls(browser):
    from selenium.webdriver.common.by import By

    server = start()
    try:
        server.publish_state(
            {
                "title": {"id": "Gratifikasi di loket", "en": "A gift at the counter"},
                "notes": [NOTES],
                "questions": ["Apa risikonya bagi pelayanan?", "Siapa yang harus diberi tahu?"],
                "timer": {"running": False, "remaining": 120},
            }
        )
        ballot = server.open_vote("d", ["Tolak", "Terima dan laporkan", "Terima"], prompt="Apa?")

        async def phones() -> None:
            async with session() as http:
                crowd = [
                    Phone(http, f"http://127.0.0.1:{server.port}", server.room_code, name)
                    for name in ("Budi", "Sari", None)
                ]
                for i, p in enumerate(crowd):
                    await p.join()
                    if i < 2:
                        assert (await p.vote(ballot, i))[0] == 200

        run(phones())

        browser.get(server.facilitator_url)
        pin = until(lambda: [e for e in browser.find_elements(By.ID, "pin") if e.is_displayed()])
        pin[0].send_keys("000000" if server.pin != "000000" else "111111")
        browser.find_element(By.CSS_SELECTOR, "#login button").click()
        until(lambda: browser.find_element(By.ID, "loginerr").text == "PIN salah.", what="refusal")
        assert NOTES not in browser.page_source
        assert not browser.find_element(By.ID, "panel").is_displayed()
        assert browser.execute_script("return document.getElementById('notes').textContent") == ""
        shot(browser, "facil-wrong-pin.png")

        pin[0].clear()
        pin[0].send_keys(server.pin)
        browser.find_element(By.CSS_SELECTOR, "#login button").click()
        notes = until(
            lambda: browser.find_element(By.ID, "notes").text, what="the notes after the PIN"
        )
        assert NOTES in notes
        people = browser.find_element(By.ID, "people").text
        assert "✓ Budi" in people and "✓ Sari" in people
        assert "2 dari 3 sudah memilih" in browser.find_element(By.ID, "voted").text
        assert "02:00" in browser.find_element(By.ID, "clock").text
        shot(browser, "facil.png")
        shot(browser, "facil-full.png", full=True)

        browser.find_element(By.CSS_SELECTOR, "[data-cmd=close_vote]").click()
        commands = until(server.poll_commands, what="the command in poll_commands()")
        assert [c.kind for c in commands] == ["close_vote"]

        # A tie after the close offers the tie pick; it reaches the game too.
        server.close_vote()
        tie = until(
            lambda: browser.find_elements(By.CSS_SELECTOR, "#tiebtns button"), what="tie buttons"
        )
        assert [b.text for b in tie] == ["1. Tolak", "2. Terima dan laporkan"]
        tie[1].click()
        commands = until(server.poll_commands, what="the tie pick")
        assert [(c.kind, c.arg) for c in commands] == [("tie_pick", 1)]

        # The game publishes its split (phones plus hand counts) and what it plays: the page
        # shows that split, and no tie is left to pick.
        server.publish_state({"notes": [NOTES], "counts": [1, 3, 0], "played": 1})
        until(
            lambda: not browser.find_elements(By.CSS_SELECTOR, "#tiebtns button"),
            what="tie buttons gone",
        )
        counts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#bars .cnt")]
        assert counts == ["1", "3", "0"]
    finally:
        server.stop()
