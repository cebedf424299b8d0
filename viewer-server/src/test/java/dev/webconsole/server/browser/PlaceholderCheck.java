package dev.webconsole.server.browser;

import java.util.List;

/** Which shown, empty text fields have a placeholder wider than the room for text in them. */
final class PlaceholderCheck {
    private static final String CUT_OFF = "const c = document.createElement('canvas').getContext('2d');"
            + "return [...document.querySelectorAll('input[placeholder]')].filter(i => i.offsetParent !== null && i.value === '').map(i => {"
            + "  const s = getComputedStyle(i); c.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;"
            + "  const need = c.measureText(i.placeholder).width;"
            + "  const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);"
            + "  return need > room + 0.5 ? `${i.id || i.className} \"${i.placeholder}\" needs ${need.toFixed(0)} px, has ${room.toFixed(0)} px` : null;"
            + "}).filter(Boolean)";

    private PlaceholderCheck() {}

    static List<String> cutOff(Browser b) {
        return b.js(CUT_OFF);
    }
}
