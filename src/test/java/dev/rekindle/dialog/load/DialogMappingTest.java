package dev.rekindle.dialog.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekindle.dialog.model.Audience;
import dev.rekindle.dialog.model.BotSettings;
import dev.rekindle.dialog.model.Condition;
import dev.rekindle.dialog.model.Dialog;
import dev.rekindle.dialog.model.DialogLibrary;
import dev.rekindle.dialog.model.ShareTarget;
import dev.rekindle.dialog.model.Source;
import dev.rekindle.dialog.model.State;
import dev.rekindle.dialog.model.Step;
import dev.rekindle.dialog.model.Step.TextHandler;
import dev.rekindle.dialog.model.Validation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** valid/everything.yaml uses every feature once; each must land in the right record with its Source. */
class DialogMappingTest {
    private static final String FILE = "src/test/resources/valid/everything.yaml";
    private static DialogLibrary library;
    private static Dialog d;

    @BeforeAll
    static void load() {
        List<SourceFile> files = new ArrayList<>(TestFiles.support());
        files.add(TestFiles.read(TestFiles.VALID.resolve("everything.yaml")));
        LoadResult r = DialogLoader.loadSources(files);
        assertFalse(r.hasErrors(), () -> BrokenDialogsTest.describe(r.problems()));
        library = r.library().orElseThrow();
        d = library.current("everything").orElseThrow();
    }

    private static State state(String name) {
        return d.state(name);
    }

    @Test
    void dialogHeader() {
        assertEquals("Everything", d.title());
        assertEquals("Uses every feature once.", d.description());
        assertEquals(Audience.GROUP, d.audience());
        assertEquals(List.of("/everything", "/all"), d.triggers().commands());
        assertEquals(List.of("appreciation", "feel_unheard"), d.triggers().intents());
        assertEquals(List.of("speaker", "listener"), d.roles());
        assertEquals(Map.of("rounds", "0", "mood", "calm"), d.variables());
        assertEquals("pick", d.start());
        assertEquals("pick", d.onChange());
        assertEquals(
                List.of(
                        "pick",
                        "intro",
                        "ask",
                        "route",
                        "anything",
                        "check",
                        "swap",
                        "meet",
                        "share",
                        "when",
                        "sub",
                        "next",
                        "done"),
                List.copyOf(d.states().keySet()),
                "states keep their written order");
        assertEquals(12, d.version().length());
        assertEquals(FILE, d.source().file());
        assertEquals(library.byCommand("/all").orElseThrow(), d);
    }

    @Test
    void entryEffectsAndWaiting() {
        State intro = state("intro");
        assertEquals(Source.of(FILE, 23, 3), intro.source());
        assertEquals(Map.of("mood", "open", "level", "3"), intro.set());
        assertEquals(List.of("rounds"), intro.increment());
        assertEquals("appreciation", intro.journal().kind());
        assertEquals("speaker", intro.journal().author());
        assertEquals(List.of("{speaker.name} began"), intro.journal().text().variants());
        assertEquals(
                List.of("Hello {A.name} and {B.name}", "Hi both"), intro.say().variants());
        assertEquals("speaker", intro.actor());
        Step.Wait w = assertInstanceOf(Step.Wait.class, intro.step());
        assertEquals(2, w.buttons().size());
        assertEquals("Go on", w.buttons().get(0).label());
        assertEquals("ask", w.buttons().get(0).to());
        assertEquals(Map.of("choice", "go"), w.buttons().get(0).set());
        assertEquals(Source.of(FILE, 30, 9), w.buttons().get(0).source());
        assertEquals("done", w.buttons().get(1).to());
        assertNull(w.text());
        assertEquals(Duration.ofMinutes(5), w.timer().after());
        assertEquals(List.of("Still there, {actor.name}?"), w.timer().nudge().variants());
        assertEquals("done", w.timer().to());
        assertEquals(Duration.ofHours(1), w.timer().grace());
    }

    @Test
    void textHandlers() {
        TextHandler.Capture c = assertInstanceOf(
                TextHandler.Capture.class, ((Step.Wait) state("ask").step()).text());
        assertEquals("answer", c.into());
        assertEquals(new Validation.Length(1, 500), c.validation());
        assertEquals("route", c.to());
        assertEquals(List.of("Please write 1 to 500 characters."), c.invalid().variants());

        TextHandler.Routes r = assertInstanceOf(
                TextHandler.Routes.class, ((Step.Wait) state("route").step()).text());
        assertEquals(Map.of("conflict", "check", "appreciation", "check"), r.byIntent());
        assertEquals("anything", r.fallback());

        TextHandler.AnyText a = assertInstanceOf(
                TextHandler.AnyText.class, ((Step.Wait) state("anything").step()).text());
        assertEquals("check", a.to());

        TextHandler.Capture time =
                (TextHandler.Capture) ((Step.Wait) state("when").step()).text();
        assertEquals(new Validation.TimeOfDay(), time.validation());
    }

    @Test
    void branchAndSwap() {
        Step.Branch b = assertInstanceOf(Step.Branch.class, state("check").step());
        assertEquals(2, b.cases().size());
        assertInstanceOf(Condition.And.class, b.cases().get(0).when());
        assertEquals("swap", b.cases().get(0).to());
        assertInstanceOf(Condition.Truthy.class, b.cases().get(1).when());
        assertEquals("done", b.otherwise());
        State swap = state("swap");
        assertTrue(swap.swapRoles());
        assertEquals(List.of("rounds", "swaps"), swap.increment());
        assertEquals(new Step.Goto("ask"), swap.step());
    }

    @Test
    void assignRoles() {
        Step.AssignRoles a =
                assertInstanceOf(Step.AssignRoles.class, state("pick").step());
        assertEquals(Step.RoleAssignment.CHOSEN, a.method());
        assertEquals("intro", a.to());
        assertEquals(Duration.ofMinutes(10), a.timer().after());
        assertNotNull(a.ask());
    }

    @Test
    void rendezvous() {
        Step.Rendezvous r =
                assertInstanceOf(Step.Rendezvous.class, state("meet").step());
        assertEquals(Step.AnswerPlace.EITHER, r.in());
        assertEquals("valued", r.into());
        assertEquals(new Validation.NumberRange(0, 10), r.validation());
        assertEquals(ShareTarget.GROUP, r.consent().with());
        assertEquals("Show it", r.consent().yesLabel());
        assertEquals("Keep it", r.consent().noLabel());
        assertEquals(List.of("Waiting for {partner.name}."), r.waiting().variants());
        assertEquals(Duration.ofDays(1), r.timer().after());
        assertEquals("share", r.to());
    }

    @Test
    void share() {
        Step.Share s = assertInstanceOf(Step.Share.class, state("share").step());
        assertEquals("answer", s.variable());
        assertEquals("speaker", s.from());
        assertEquals(ShareTarget.GROUP, s.with());
        assertEquals("Yes", s.yesLabel());
        assertEquals("No", s.noLabel());
        assertEquals("when", s.yes());
        assertEquals("when", s.no());
        assertEquals("when", s.noPartner());
        assertEquals(Duration.ofHours(2), s.timer().after());
    }

    @Test
    void callHandoverEnd() {
        Step.Call c = assertInstanceOf(Step.Call.class, state("sub").step());
        assertEquals("group_helper", c.dialog());
        assertEquals("next", c.returnTo());
        Step.Handover h = assertInstanceOf(Step.Handover.class, state("next").step());
        assertEquals("group_helper", h.dialog());
        assertTrue(state("done").isEnd());
    }

    @Test
    void defaults() {
        Dialog helper = library.current("helper").orElseThrow();
        assertEquals(List.of(), helper.roles());
        assertNull(helper.onChange());
        // a group dialog: a rendezvous needs both partners, which a private dialog never has
        String defaults = """
                id: defaults
                title: Defaults
                description: Defaults of share and rendezvous.
                audience: group
                start: s
                states:
                  s:
                    share: {var: v, ask: "Share?", deliver: "{v}", yes: r, no: r}
                  r:
                    rendezvous: {ask: "Q?", into: v, to: e}
                  e:
                    end: true
                """;
        List<SourceFile> files = new ArrayList<>(TestFiles.support());
        files.add(new SourceFile("defaults.yaml", defaults));
        LoadResult r = DialogLoader.loadSources(files);
        assertFalse(r.hasErrors(), () -> BrokenDialogsTest.describe(r.problems()));
        Dialog d = r.library().orElseThrow().current("defaults").orElseThrow();
        Step.Share s = (Step.Share) d.state("s").step();
        assertEquals("me", s.from());
        assertEquals(ShareTarget.PARTNER, s.with());
        assertNull(s.yesLabel());
        assertNull(s.noPartner());
        Step.Rendezvous rv = (Step.Rendezvous) d.state("r").step();
        assertEquals(Step.AnswerPlace.PRIVATE, rv.in());
        assertNull(rv.consent());
        assertNull(rv.validation());
    }

    @Test
    void botSettings() {
        BotSettings bot = library.bot();
        assertEquals(BotSettings.MESSAGE_KEYS, bot.messages().keySet());
        assertEquals(List.of("helper", "group_helper"), bot.menu());
        assertEquals("safety_crisis", bot.crisisDialog());
        assertEquals("safety_abuse", bot.abuseDialog());
    }

    @Test
    void aReminder() {
        dev.rekindle.dialog.model.Reminder r = state("done").reminder();
        assertEquals("{time}", r.at());
        assertEquals(List.of("mon", "fri"), r.days());
        assertEquals(List.of("Time to talk, {me.name}."), r.text().variants());
        assertEquals(dev.rekindle.dialog.model.Reminder.Recipient.BOTH, r.to());
        assertEquals(null, state("intro").reminder());
    }
}
