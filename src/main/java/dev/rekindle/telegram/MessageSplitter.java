package dev.rekindle.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits Telegram-HTML that is too long for one message. Telegram's limit (4096) counts the text after
 * entity parsing, so tags count nothing and <code>&amp;amp;</code> counts one; we count UTF-16 units, as Telegram
 * does, so an emoji counts two. A part ends at the last paragraph break that fits, else the last line
 * break, else the last space, else mid-word (never inside a tag, an entity or a surrogate pair). Tags open
 * at a split are closed at the end of the part and opened again at the start of the next. The text is
 * already escaped: the splitter only moves characters, it never escapes or unescapes.
 */
public final class MessageSplitter {
    public static final int TELEGRAM_LIMIT = 4096;
    /** A tag closed right after it was reopened at a split: harmless, but noise in the text Telegram gets. */
    private static final Pattern EMPTY_PAIR = Pattern.compile("<(b|i)></\\1>");

    private final int limit;

    public MessageSplitter(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("a part must hold at least one emoji (2 units): " + limit);
        }
        this.limit = limit;
    }

    public static MessageSplitter telegram() {
        return new MessageSplitter(TELEGRAM_LIMIT);
    }

    /** The visible length Telegram counts: tags removed, each entity one character. */
    public static int visibleLength(String html) {
        int n = 0;
        for (Atom a : atoms(html)) {
            n += a.visible;
        }
        return n;
    }

    public List<String> split(String html) {
        List<Atom> atoms = atoms(html);
        List<String> parts = new ArrayList<>();
        Deque<Atom> open = new ArrayDeque<>();
        int start = 0;
        while (start < atoms.size()) {
            start = skipBlank(atoms, start);
            if (start >= atoms.size()) {
                break;
            }
            int end = cut(atoms, start);
            StringBuilder part = new StringBuilder();
            // reopen, outermost first: the deque holds the innermost first
            for (Iterator<Atom> it = open.descendingIterator(); it.hasNext(); ) {
                part.append(it.next().html);
            }
            int last = end;
            while (last > start && atoms.get(last - 1).isSeparator()) {
                last--; // the separator at the cut is dropped, not carried to either side
            }
            boolean leading = true; // separators between reopened tags and the first character are dropped too
            for (int i = start; i < end; i++) {
                Atom a = atoms.get(i);
                leading &= a.isTag() || a.isSeparator();
                if (a.isTag() || (i < last && !(leading && a.isSeparator()))) {
                    part.append(a.html);
                }
                track(open, a);
            }
            for (Atom a : open) {
                part.append("</").append(a.tag).append('>');
            }
            String text = part.toString();
            for (String shorter = EMPTY_PAIR.matcher(text).replaceAll("");
                    !shorter.equals(text);
                    shorter = EMPTY_PAIR.matcher(text).replaceAll("")) {
                text = shorter;
            }
            if (visibleLength(text) > 0) {
                parts.add(text);
            }
            start = end;
        }
        if (parts.isEmpty()) {
            parts.add(html);
        }
        return List.copyOf(parts);
    }

    /** The end (exclusive) of the part that starts at {@code start}. */
    private int cut(List<Atom> atoms, int start) {
        int used = 0;
        int paragraph = -1;
        int line = -1;
        int word = -1;
        int hard = start;
        for (int i = start; i < atoms.size(); i++) {
            Atom a = atoms.get(i);
            if (used + a.visible > limit) {
                // the character that does not fit may itself be a break: then the part fills up to the limit
                if (a.is('\n') && i + 1 < atoms.size() && atoms.get(i + 1).is('\n')) {
                    paragraph = i;
                } else if (a.is('\n')) {
                    line = i;
                } else if (a.is(' ')) {
                    word = i;
                }
                int best = paragraph > start ? paragraph : line > start ? line : word > start ? word : hard;
                return Math.max(best, start + 1);
            }
            used += a.visible;
            if (used == 0 || a.isTag()) {
                continue; // a tag after the last character belongs to the next part
            }
            if (a.is('\n') && i > start && atoms.get(i - 1).is('\n')) {
                paragraph = i + 1;
            } else if (a.is('\n')) {
                line = i + 1;
            } else if (a.is(' ')) {
                word = i + 1;
            }
            hard = i + 1;
        }
        return atoms.size();
    }

    private static int skipBlank(List<Atom> atoms, int i) {
        while (i < atoms.size() && atoms.get(i).isSeparator()) {
            i++;
        }
        return i;
    }

    private static void track(Deque<Atom> open, Atom a) {
        if (a.kind == Kind.OPEN) {
            open.push(a);
        } else if (a.kind == Kind.CLOSE) {
            Iterator<Atom> it = open.iterator();
            while (it.hasNext()) {
                if (it.next().tag.equals(a.tag)) {
                    it.remove();
                    break;
                }
            }
        }
    }

    private enum Kind {
        TEXT,
        OPEN,
        CLOSE
    }

    /** The smallest piece that may not be cut: a code point, an entity or a tag. */
    private record Atom(Kind kind, String html, int visible, String tag) {
        boolean isTag() {
            return kind != Kind.TEXT;
        }

        boolean is(char c) {
            return kind == Kind.TEXT && html.length() == 1 && html.charAt(0) == c;
        }

        boolean isSeparator() {
            return is('\n') || is(' ');
        }
    }

    private static List<Atom> atoms(String html) {
        List<Atom> out = new ArrayList<>(html.length());
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int close = html.indexOf('>', i);
                if (close > 0) {
                    String t = html.substring(i, close + 1);
                    boolean closing = t.startsWith("</");
                    String name =
                            t.substring(closing ? 2 : 1, t.length() - 1).strip().split("\\s", 2)[0];
                    out.add(new Atom(closing ? Kind.CLOSE : Kind.OPEN, t, 0, name));
                    i = close + 1;
                    continue;
                }
            }
            if (c == '&') {
                int semi = html.indexOf(';', i);
                if (semi > i && semi - i <= 10) {
                    String entity = html.substring(i, semi + 1);
                    out.add(new Atom(Kind.TEXT, entity, entityLength(entity), null));
                    i = semi + 1;
                    continue;
                }
            }
            int cp = html.codePointAt(i);
            int n = Character.charCount(cp);
            out.add(new Atom(Kind.TEXT, html.substring(i, i + n), n, null));
            i += n;
        }
        return out;
    }

    /** An entity counts as what it decodes to: one unit, or two for a numeric entity beyond the BMP. */
    private static int entityLength(String entity) {
        if (entity.startsWith("&#")) {
            try {
                String num = entity.substring(2, entity.length() - 1);
                int cp = num.startsWith("x") || num.startsWith("X")
                        ? Integer.parseInt(num.substring(1), 16)
                        : Integer.parseInt(num);
                return Character.charCount(cp);
            } catch (IllegalArgumentException e) {
                return 1;
            }
        }
        return 1;
    }
}
