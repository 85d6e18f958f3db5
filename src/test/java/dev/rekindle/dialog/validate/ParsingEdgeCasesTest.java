package dev.rekindle.dialog.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Condition;
import dev.rekindle.dialog.model.Durations;
import dev.rekindle.dialog.model.Ref;
import dev.rekindle.dialog.model.Template;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared parsers the validator relies on: durations, templates and conditions, at their edges. */
class ParsingEdgeCasesTest {

    @Test
    void durationsInEveryUnit() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), Durations.parse("90s"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), Durations.parse("5m"));
        assertEquals(Optional.of(Duration.ofHours(2)), Durations.parse(" 2h "));
        assertEquals(Optional.of(Duration.ofDays(1)), Durations.parse("1d"));
        assertEquals(Optional.of(Duration.ofSeconds(999999)), Durations.parse("999999s"));
        assertEquals("90m", Durations.format(Duration.ofMinutes(90)));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
        assertEquals("1d", Durations.format(Duration.ofHours(24)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "-5m", "5", "m", "5 min", "1000000s", "1.5h", "5M", "", "5m30s"})
    void badDurations(String text) {
        assertEquals(Optional.empty(), Durations.parse(text), text);
    }

    @Test
    void templatePlaceholdersAndBraces() throws Exception {
        Template t = Template.parse("Hi {partner.name}, {{literal}} {answer}");
        assertEquals(List.of(new Ref("partner", "name"), new Ref(null, "answer")), t.refs());
        assertEquals(3, ((Template.Placeholder) t.segments().get(1)).offset());
        assertTrue(t.segments().contains(new Template.Literal(", {literal} ")));
        assertEquals(List.of(), Template.parse("").segments());
        assertEquals(List.of(new Ref(null, "x")), Template.parse("{ x }").refs(), "spaces inside braces are trimmed");
        assertEquals(List.of(new Ref(null, "имя")), Template.parse("{имя}").refs(), "letters of any script");
    }

    @Test
    void templateErrorsPointAtTheBrace() {
        assertEquals(
                6,
                assertThrows(Template.SyntaxException.class, () -> Template.parse("Hello {name"))
                        .offset());
        assertEquals(
                5,
                assertThrows(Template.SyntaxException.class, () -> Template.parse("Hello} there"))
                        .offset());
        assertEquals(
                0,
                assertThrows(Template.SyntaxException.class, () -> Template.parse("{}"))
                        .offset());
        assertEquals(
                2,
                assertThrows(Template.SyntaxException.class, () -> Template.parse("a {b c}"))
                        .offset());
        assertEquals(
                0,
                assertThrows(Template.SyntaxException.class, () -> Template.parse("{a.b.c}"))
                        .offset());
    }

    @Test
    void conditionsPrecedenceAndRefs() throws Exception {
        Condition c = Condition.parse("not a or b and c == 'x'");
        Condition.Or or = assertInstanceOf(Condition.Or.class, c);
        assertInstanceOf(Condition.Not.class, or.left());
        assertInstanceOf(Condition.And.class, or.right());
        assertEquals(List.of(new Ref(null, "a"), new Ref(null, "b"), new Ref(null, "c")), Condition.refs(c));

        Condition.Compare cmp = assertInstanceOf(Condition.Compare.class, Condition.parse("actor.role != \"speaker\""));
        assertEquals("!=", cmp.op());
        assertEquals(new Condition.Literal("speaker"), cmp.right());
        assertInstanceOf(Condition.Compare.class, Condition.parse("(rounds >= -1.5)"));
        assertInstanceOf(Condition.Truthy.class, Condition.parse("ANDROID"), "keywords need a word boundary");
    }

    @Test
    void conditionErrorsPointAtTheOffendingCharacter() {
        assertEquals(
                7,
                assertThrows(Condition.SyntaxException.class, () -> Condition.parse("rounds = 2"))
                        .offset());
        assertEquals(
                8,
                assertThrows(Condition.SyntaxException.class, () -> Condition.parse("rounds <> 2"))
                        .offset());
        assertEquals(
                9,
                assertThrows(Condition.SyntaxException.class, () -> Condition.parse("rounds < "))
                        .offset());
        assertEquals(
                5,
                assertThrows(Condition.SyntaxException.class, () -> Condition.parse("a == 'open"))
                        .offset());
        assertEquals(
                9,
                assertThrows(Condition.SyntaxException.class, () -> Condition.parse("(a and b c"))
                        .offset(),
                "where the missing ) should be");
        assertEquals(
                0,
                assertThrows(Condition.SyntaxException.class, () -> Condition.parse(""))
                        .offset());
    }

    @Test
    void suggestionsCatchTyposNotWildGuesses() {
        assertEquals(Optional.of("summary"), Suggest.closest("sumary", List.of("intro", "summary")));
        assertEquals(Optional.of("buttons"), Suggest.closest("buttns", List.of("to", "buttons")));
        assertEquals(Optional.of("start"), Suggest.closest("Start", List.of("start")));
        assertEquals(Optional.of("conflict"), Suggest.closest("confilct", List.of("conflict")), "swapped letters");
        assertEquals(Optional.empty(), Suggest.closest("colour", List.of("id", "title", "states")));
    }

    @Test
    void aReaderWithItsOwnRuleChoosesHowManyEditsATypoMayHave() {
        assertEquals(Optional.empty(), Suggest.closest("wiet", List.of("wait")), "one edit for a four-letter word");
        assertEquals(Optional.of("wait"), Suggest.closest("wiet", List.of("wait", "expect"), 2));
        assertEquals(Optional.of("A"), Suggest.closest("", List.of("A", "B"), 1), "nothing typed is one edit from A");
        assertEquals(Optional.empty(), Suggest.closest("wiet", List.of(), 2));
    }
}
