package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {
    private final MessageSplitter telegram = MessageSplitter.telegram();

    private static String plain(List<String> parts) {
        return String.join(
                "|", parts.stream().map(p -> p.replaceAll("</?[bi]>", "")).toList());
    }

    private static void assertEveryPartFits(List<String> parts, int limit) {
        for (String p : parts) {
            int n = MessageSplitter.visibleLength(p);
            assertTrue(n > 0 && n <= limit, () -> "a part of " + n + " visible units: " + p);
        }
    }

    @Test
    void shortTextIsOnePartUnchanged() {
        assertEquals(List.of("<b>Hi</b> you &amp; me"), telegram.split("<b>Hi</b> you &amp; me"));
    }

    @Test
    void exactly4096CharactersIsOneMessage() {
        String text = "а".repeat(4096); // Cyrillic: one UTF-16 unit each
        assertEquals(List.of(text), telegram.split(text));
    }

    @Test
    void exactly4096VisibleWithTagsAndEntitiesIsOneMessage() {
        String text = "<b>" + "x".repeat(4000) + "</b>" + "&amp;".repeat(96);
        assertEquals(4096, MessageSplitter.visibleLength(text));
        assertEquals(List.of(text), telegram.split(text));
    }

    @Test
    void oneMoreThan4096SplitsInTwo() {
        String text = "w".repeat(4097);
        List<String> parts = telegram.split(text);
        assertEquals(List.of("w".repeat(4096), "w"), parts);
    }

    @Test
    void splitsAtTheLastParagraphThatFits() {
        String p1 = "Первый абзац. ".repeat(200).strip(); // 2799 units
        String p2 = "Second paragraph, with words. ".repeat(60).strip(); // 1799
        String p3 = "Third.";
        List<String> parts = telegram.split(p1 + "\n\n" + p2 + "\n\n" + p3);
        assertEquals(List.of(p1, p2 + "\n\n" + p3), parts);
    }

    @Test
    void withoutParagraphsSplitsAtALineThenAtAWord() {
        MessageSplitter small = new MessageSplitter(20);
        assertEquals(
                List.of("one two three", "four five six seven"), small.split("one two three\nfour five six seven"));
        assertEquals(
                List.of("one two three four", "five six seven eight"),
                small.split("one two three four five six seven eight"));
    }

    @Test
    void aWordLongerThanALineIsCutMidWordButNeverInsideAnEntity() {
        MessageSplitter small = new MessageSplitter(5);
        List<String> parts = small.split("ab&amp;&lt;cdef");
        assertEquals(List.of("ab&amp;&lt;c", "def"), parts);
    }

    @Test
    void emojiIsNeverCutInHalfAndCountsTwo() {
        MessageSplitter small = new MessageSplitter(5);
        List<String> parts = small.split("ab😔😔😔");
        assertEquals(List.of("ab😔", "😔😔"), parts);
        String many = "💞".repeat(3000); // 6000 units
        List<String> big = telegram.split(many);
        assertEquals(List.of("💞".repeat(2048), "💞".repeat(952)), big);
    }

    @Test
    void tagsOpenAtASplitAreClosedAndReopened() {
        MessageSplitter small = new MessageSplitter(12);
        List<String> parts = small.split("<b>bold <i>and italic words</i> end</b>");
        assertEveryPartFits(parts, 12);
        for (String p : parts) {
            assertBalanced(p);
        }
        assertEquals("bold and italic words end", plain(parts).replace("|", " "));
        assertTrue(parts.get(1).startsWith("<b><i>"), parts.get(1));
    }

    @Test
    void noEmptyTagPairIsLeftWhereASplitFellNextToATag() {
        MessageSplitter small = new MessageSplitter(4);
        List<String> parts = small.split("abcd<b>efgh</b>");
        assertEquals(List.of("abcd", "<b>efgh</b>"), parts);
    }

    @Test
    void escapedUserTextIsNotEscapedAgain() {
        String escaped = "He said &quot;5 &lt; 6 &amp; fine&quot; ";
        List<String> parts = new MessageSplitter(50).split(escaped.repeat(5));
        assertFalse(String.join("", parts).contains("&amp;amp;"));
        assertFalse(String.join("", parts).contains("&amp;lt;"));
        assertTrue(parts.stream()
                .allMatch(p -> Pattern.compile("&(?!amp;|lt;|gt;|quot;)")
                        .matcher(p)
                        .results()
                        .findAny()
                        .isEmpty()));
    }

    @Test
    void longMixedTextSplitsIntoPartsThatFitAndLoseOnlySeparators() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            b.append("<b>Шаг ").append(i).append("</b>: поговорите 💬 о том, что &quot;важно&quot; &amp; честно.\n");
            if (i % 7 == 0) {
                b.append('\n');
            }
        }
        String text = b.toString().strip();
        List<String> parts = telegram.split(text);
        assertTrue(parts.size() >= 2);
        assertEveryPartFits(parts, 4096);
        parts.forEach(MessageSplitterTest::assertBalanced);
        assertEquals(
                text.replaceAll("</?b>", "").replaceAll("\\s+", ""),
                plain(parts).replace("|", "").replaceAll("\\s+", ""));
    }

    private static void assertBalanced(String html) {
        java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
        var m = Pattern.compile("<(/?)([bi])>").matcher(html);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                open.push(m.group(2));
            } else {
                assertFalse(open.isEmpty(), () -> "closes what is not open: " + html);
                assertEquals(open.pop(), m.group(2), html);
            }
        }
        assertTrue(open.isEmpty(), () -> "leaves a tag open: " + html);
    }
}
