package dev.rekindle.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekindle.telegram.IncomingUpdate.BotAdded;
import dev.rekindle.telegram.IncomingUpdate.BotRemoved;
import dev.rekindle.telegram.IncomingUpdate.ButtonPress;
import dev.rekindle.telegram.IncomingUpdate.Command;
import dev.rekindle.telegram.IncomingUpdate.GroupMigrated;
import dev.rekindle.telegram.IncomingUpdate.Ignored;
import dev.rekindle.telegram.IncomingUpdate.MediaKind;
import dev.rekindle.telegram.IncomingUpdate.MemberLeft;
import dev.rekindle.telegram.IncomingUpdate.NonTextMessage;
import dev.rekindle.telegram.IncomingUpdate.TextMessage;
import org.junit.jupiter.api.Test;

/** Updates as Telegram sends them (JSON), mapped by ours from the fields the bot uses. */
class UpdateMapperTest {
    private static final BotIdentity BOT = new BotIdentity(7012345678L, "rekindle_bot");
    private final UpdateMapper mapper = new UpdateMapper(BOT);

    private IncomingUpdate map(String json) throws Exception {
        return mapper.map(new ObjectMapper().readTree(json));
    }

    private static final String ANNA = """
            {"id":111222333,"is_bot":false,"first_name":"Anna","last_name":"K","username":"anna_k","language_code":"de"}""";
    private static final String GROUP = """
            {"id":-4012345678,"title":"Anna & Ben","type":"group","all_members_are_administrators":true}""";
    private static final String SUPERGROUP = """
            {"id":-1002012345678,"title":"Anna & Ben","type":"supergroup"}""";

    @Test
    void privateTextIsMappedWithChatUserAndFirstName() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960001,
                 "message":{"message_id":17,"from":%s,
                   "chat":{"id":111222333,"first_name":"Anna","last_name":"K","username":"anna_k","type":"private"},
                   "date":1717171717,"text":"Мы поссорились 😔 again"}}""".formatted(ANNA));
        assertEquals(
                new TextMessage(815960001, 111222333L, ChatType.PRIVATE, 111222333L, "Anna", "Мы поссорились 😔 again"),
                u);
    }

    @Test
    void groupCommandNamingOurBotLosesTheSuffixAndIsLowerCased() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960002,
                 "message":{"message_id":40,"from":%s,"chat":%s,"date":1717171717,"text":"/Menu@Rekindle_Bot  now please",
                   "entities":[{"offset":0,"length":18,"type":"bot_command"}]}}""".formatted(ANNA, GROUP));
        assertEquals(new Command(815960002, -4012345678L, ChatType.GROUP, 111222333L, "Anna", "menu", "now please"), u);
    }

    @Test
    void privateCommandWithoutSuffixHasEmptyArgs() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960003,
                 "message":{"message_id":18,"from":%s,"chat":{"id":111222333,"first_name":"Anna","type":"private"},
                   "date":1717171717,"text":"/start","entities":[{"offset":0,"length":6,"type":"bot_command"}]}}""".formatted(ANNA));
        assertEquals(new Command(815960003, 111222333L, ChatType.PRIVATE, 111222333L, "Anna", "start", ""), u);
    }

    @Test
    void commandAddressedToAnotherBotIsIgnored() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960004,
                 "message":{"message_id":41,"from":%s,"chat":%s,"date":1717171717,"text":"/menu@other_bot",
                   "entities":[{"offset":0,"length":15,"type":"bot_command"}]}}""".formatted(ANNA, GROUP));
        assertEquals(new Ignored(815960004, "command for another bot"), u);
    }

    @Test
    void slashWithoutCommandNameStaysText() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960005,"message":{"message_id":19,"from":%s,
                 "chat":{"id":111222333,"first_name":"Anna","type":"private"},"date":1717171717,"text":"/ so what"}}""".formatted(ANNA));
        assertInstanceOf(TextMessage.class, u);
    }

    @Test
    void partnerPressIsMappedToPressWithQueryIdDataAndMessageId() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960006,
                 "callback_query":{"id":"4382bfdwdsb323b2d9","from":%s,
                   "message":{"message_id":42,"from":{"id":7012345678,"is_bot":true,"first_name":"Rekindle","username":"rekindle_bot"},
                     "chat":%s,"date":1717171700,"text":"How was your week?",
                     "reply_markup":{"inline_keyboard":[[{"text":"Good","callback_data":"checkin.ask.good@1a"}]]}},
                   "chat_instance":"-8912345678901234567","data":"checkin.ask.good@1a"}}""".formatted(ANNA, SUPERGROUP));
        assertEquals(
                new ButtonPress(
                        815960006,
                        "4382bfdwdsb323b2d9",
                        -1002012345678L,
                        ChatType.SUPERGROUP,
                        111222333L,
                        "Anna",
                        "checkin.ask.good@1a",
                        42,
                        "How was your week?"),
                u);
    }

    @Test
    void thePressedMessagesTextComesBackAsTheBotsHtmlWithBoldItalicAndEscapes() throws Exception {
        // "😀 Sam & Alex: <b> you" with bold over "Sam", italic over "Alex: <b>", overlapping bold-italic on "Alex",
        // and a link Telegram finds by itself; offsets count UTF-16 units (the emoji is two)
        IncomingUpdate u = map("""
                {"update_id":815960016,
                 "callback_query":{"id":"q","from":%s,
                   "message":{"message_id":42,"chat":%s,"date":1717171700,"text":"😀 Sam & Alex: <b> you",
                     "entities":[{"type":"bold","offset":3,"length":3},{"type":"italic","offset":9,"length":9},
                                 {"type":"bold","offset":9,"length":4},{"type":"url","offset":0,"length":2},
                                 {"type":"italic","offset":40,"length":3}]},
                   "chat_instance":"1","data":"talk.floor.1@1a"}}""".formatted(ANNA, SUPERGROUP));
        assertEquals(
                "😀 <b>Sam</b> &amp; <b><i>Alex</i></b><i>: &lt;b&gt;</i> you",
                ((ButtonPress) u).messageHtml(),
                "an entity past the end of the text is left out");
    }

    @Test
    void aPressWhoseEntitiesCannotBeReadIsStillAPressWithoutTheText() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960017,
                 "callback_query":{"id":"q","from":%s,
                   "message":{"message_id":42,"chat":%s,"date":1717171700,"text":"Ready?",
                     "entities":[{"type":"bold","length":3}]},
                   "chat_instance":"1","data":"talk.floor.1@1a"}}""".formatted(ANNA, SUPERGROUP));
        assertEquals("talk.floor.1@1a", ((ButtonPress) u).data());
        assertNull(((ButtonPress) u).messageHtml());
    }

    @Test
    void pressOnAMessageOlderThanTwoDaysStillNamesChatAndMessage() throws Exception {
        // Telegram sends an InaccessibleMessage (date 0) for messages the bot can no longer read
        IncomingUpdate u = map("""
                {"update_id":815960007,
                 "callback_query":{"id":"77","from":%s,
                   "message":{"chat":{"id":111222333,"first_name":"Anna","type":"private"},"message_id":5,"date":0},
                   "chat_instance":"1","data":"menu.checkin@5"}}""".formatted(ANNA));
        assertEquals(
                new ButtonPress(815960007, "77", 111222333L, ChatType.PRIVATE, 111222333L, "Anna", "menu.checkin@5", 5),
                u);
    }

    @Test
    void stickerPhotoAndVoiceAreNonTextOfTheirKind() throws Exception {
        String sticker = """
                {"update_id":815960008,"message":{"message_id":20,"from":%s,"chat":{"id":111222333,"first_name":"Anna","type":"private"},
                 "date":1717171717,"sticker":{"width":512,"height":512,"emoji":"😘","set_name":"HotCherry","is_animated":true,
                 "is_video":false,"type":"regular","file_id":"CAACAg","file_unique_id":"AgAD","file_size":22000}}}""".formatted(ANNA);
        String photo = """
                {"update_id":815960009,"message":{"message_id":21,"from":%s,"chat":%s,"date":1717171717,"caption":"us!",
                 "photo":[{"file_id":"AgAC1","file_unique_id":"AQAD1","file_size":1200,"width":90,"height":67},
                          {"file_id":"AgAC2","file_unique_id":"AQAD2","file_size":48000,"width":800,"height":600}]}}""".formatted(ANNA, GROUP);
        String voice = """
                {"update_id":815960010,"message":{"message_id":22,"from":%s,"chat":{"id":111222333,"first_name":"Anna","type":"private"},
                 "date":1717171717,"voice":{"duration":4,"mime_type":"audio/ogg","file_id":"AwAC","file_unique_id":"AgADv","file_size":9000}}}""".formatted(ANNA);
        assertEquals(
                new NonTextMessage(815960008, 111222333L, ChatType.PRIVATE, 111222333L, MediaKind.STICKER),
                map(sticker));
        assertEquals(
                new NonTextMessage(815960009, -4012345678L, ChatType.GROUP, 111222333L, MediaKind.PHOTO), map(photo));
        assertEquals(
                new NonTextMessage(815960010, 111222333L, ChatType.PRIVATE, 111222333L, MediaKind.VOICE), map(voice));
    }

    @Test
    void gifIsAnAnimationNotADocument() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960011,"message":{"message_id":23,"from":%s,"chat":{"id":111222333,"first_name":"Anna","type":"private"},
                 "date":1717171717,
                 "animation":{"file_name":"hug.mp4","mime_type":"video/mp4","duration":2,"width":320,"height":240,"file_id":"CgAC","file_unique_id":"AgADa"},
                 "document":{"file_name":"hug.mp4","mime_type":"video/mp4","file_id":"CgAC","file_unique_id":"AgADa"}}}""".formatted(ANNA));
        assertEquals(MediaKind.ANIMATION, ((NonTextMessage) u).kind());
    }

    @Test
    void groupUpgradeIsAMigrationFromBothServiceMessages() throws Exception {
        IncomingUpdate inOld = map("""
                {"update_id":815960012,"message":{"message_id":50,"from":%s,"chat":%s,"date":1717171717,
                 "migrate_to_chat_id":-1002012345678}}""".formatted(ANNA, GROUP));
        IncomingUpdate inNew = map("""
                {"update_id":815960013,"message":{"message_id":1,
                 "from":{"id":1087968824,"is_bot":true,"first_name":"Group","username":"GroupAnonymousBot"},
                 "sender_chat":%s,"chat":%s,"date":1717171717,"migrate_from_chat_id":-4012345678}}""".formatted(SUPERGROUP, SUPERGROUP));
        assertEquals(new GroupMigrated(815960012, -4012345678L, -1002012345678L), inOld);
        assertEquals(new GroupMigrated(815960013, -4012345678L, -1002012345678L), inNew);
    }

    @Test
    void botAddedToGroupAsNewMemberIsBotAdded() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960014,"message":{"message_id":2,"from":%s,"chat":%s,"date":1717171717,
                 "new_chat_participant":{"id":7012345678,"is_bot":true,"first_name":"Rekindle","username":"rekindle_bot"},
                 "new_chat_member":{"id":7012345678,"is_bot":true,"first_name":"Rekindle","username":"rekindle_bot"},
                 "new_chat_members":[{"id":7012345678,"is_bot":true,"first_name":"Rekindle","username":"rekindle_bot"}]}}""".formatted(ANNA, GROUP));
        assertEquals(new BotAdded(815960014, -4012345678L, ChatType.GROUP, 111222333L), u);
    }

    @Test
    void partnerLeavingTheGroupIsMemberLeft() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960015,"message":{"message_id":3,"from":%s,"chat":%s,"date":1717171717,
                 "left_chat_participant":%s,"left_chat_member":%s}}""".formatted(ANNA, GROUP, ANNA, ANNA));
        assertEquals(new MemberLeft(815960015, -4012345678L, 111222333L), u);
    }

    @Test
    void userBlockingTheBotIsBotRemovedInAPrivateChat() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960016,"my_chat_member":{"chat":{"id":111222333,"first_name":"Anna","type":"private"},
                 "from":%s,"date":1717171717,
                 "old_chat_member":{"user":{"id":7012345678,"is_bot":true,"first_name":"Rekindle","username":"rekindle_bot"},"status":"member"},
                 "new_chat_member":{"user":{"id":7012345678,"is_bot":true,"first_name":"Rekindle","username":"rekindle_bot"},"status":"kicked","until_date":0}}}""".formatted(ANNA));
        assertEquals(new BotRemoved(815960016, 111222333L, ChatType.PRIVATE), u);
    }

    @Test
    void botMadeMemberOfAGroupIsBotAdded() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960017,"my_chat_member":{"chat":%s,"from":%s,"date":1717171717,
                 "old_chat_member":{"user":{"id":7012345678,"is_bot":true,"first_name":"Rekindle"},"status":"left"},
                 "new_chat_member":{"user":{"id":7012345678,"is_bot":true,"first_name":"Rekindle"},"status":"member"}}}""".formatted(GROUP, ANNA));
        assertEquals(new BotAdded(815960017, -4012345678L, ChatType.GROUP, 111222333L), u);
    }

    @Test
    void editedMessagesChannelPostsAndMessagesFromBotsAreIgnoredWithAReason() throws Exception {
        assertEquals(new Ignored(815960018, "edited message"), map("""
                {"update_id":815960018,"edited_message":{"message_id":17,"from":%s,
                 "chat":{"id":111222333,"first_name":"Anna","type":"private"},"date":1717171717,"edit_date":1717171800,"text":"fixed"}}""".formatted(ANNA)));
        assertEquals(new Ignored(815960019, "channel post"), map("""
                {"update_id":815960019,"channel_post":{"message_id":3,"sender_chat":{"id":-1001111,"title":"News","type":"channel"},
                 "chat":{"id":-1001111,"title":"News","type":"channel"},"date":1717171717,"text":"hi"}}"""));
        assertEquals(new Ignored(815960020, "message from a bot"), map("""
                {"update_id":815960020,"message":{"message_id":60,
                 "from":{"id":1087968824,"is_bot":true,"first_name":"Group","username":"GroupAnonymousBot"},
                 "sender_chat":%s,"chat":%s,"date":1717171717,"text":"an anonymous admin"}}""".formatted(GROUP, GROUP)));
        assertEquals(new Ignored(815960021, "service message"), map("""
                {"update_id":815960021,"message":{"message_id":61,"from":%s,"chat":%s,"date":1717171717,"new_chat_title":"Us"}}""".formatted(ANNA, GROUP)));
    }

    @Test
    void updateKindsWeDoNotKnowYetAreIgnoredNotFailed() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960022,"some_future_update":{"id":1,"shiny":true}}""");
        assertEquals(new Ignored(815960022, "other update"), u);
    }

    @Test
    void printedUpdatesCarryNoPartnersWords() throws Exception {
        IncomingUpdate u = map("""
                {"update_id":815960023,"message":{"message_id":24,"from":%s,
                 "chat":{"id":111222333,"first_name":"Anna","type":"private"},"date":1717171717,"text":"I feel alone"}}""".formatted(ANNA));
        assertEquals(
                "TextMessage[updateId=815960023, chatId=111222333, chatType=PRIVATE, userId=111222333, text=(12 chars)]",
                u.toString());
    }
}
