package io.github.agoratokenrs.java;

import static io.github.agoratokenrs.java.Fixtures.list;
import static io.github.agoratokenrs.java.Fixtures.map;
import static io.github.agoratokenrs.java.Fixtures.num;
import static io.github.agoratokenrs.java.Fixtures.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Pointer;
import io.agora.media.AccessToken;
import io.agora.media.AccessToken2;
import io.github.agoratokenrs.java.internal.AgoraTokenC;
import io.github.agoratokenrs.java.internal.Json;
import io.github.agoratokenrs.java.internal.NativeCall;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The drop-in's upstream constants against the core's tables (agora_token_privilege_names):
 * found by reflection, so a typo, a wrong number, a missing or an extra constant fails.
 */
class UpstreamConstantsTest {
    private static Map<String, Object> coreTables() {
        Pointer json = AgoraTokenC.agora_token_privilege_names();
        try {
            return Json.object(NativeCall.string(json));
        } finally {
            AgoraTokenC.agora_token_free(json);
        }
    }

    /** A core name as upstream spells it in a constant: join_channel, JoinChannel. */
    private static String pascal(String name) {
        return Arrays.stream(name.split("_"))
                .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining());
    }

    @Test
    void serviceTypeAndPrivilegeEnumsAreTheCoreTables() throws ReflectiveOperationException {
        List<Map<String, Object>> core = list(coreTables().get("service_types"));

        Map<String, Short> typeConstants = new TreeMap<>();
        for (Field field : AccessToken2.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().startsWith("SERVICE_TYPE_")) {
                typeConstants.put(field.getName().substring("SERVICE_TYPE_".length()), field.getShort(null));
            }
        }
        Map<String, Short> coreTypes = new TreeMap<>();
        for (Map<String, Object> service : core) {
            coreTypes.put(str(service, "name").toUpperCase(), (short) num(service, "type"));
        }
        assertEquals(coreTypes, typeConstants, "SERVICE_TYPE_* constants");

        Map<String, Class<?>> privilegeEnums = new TreeMap<>();
        for (Class<?> nested : AccessToken2.class.getDeclaredClasses()) {
            if (nested.isEnum() && nested.getSimpleName().startsWith("Privilege")) {
                privilegeEnums.put(nested.getSimpleName().substring("Privilege".length()).toUpperCase(), nested);
            }
        }
        Map<String, Class<?>> expectedEnums = new TreeMap<>();
        for (Map<String, Object> service : core) {
            List<Map<String, Object>> privileges = list(service.get("privileges"));
            if (privileges.isEmpty()) {
                continue;
            }
            String name = str(service, "name");
            Class<?> enumClass = privilegeEnums.get(name.toUpperCase());
            expectedEnums.put(name.toUpperCase(), enumClass);
            if (enumClass == null) {
                continue;
            }
            // Upstream Java spells Chat's two as PRIVILEGE_CHAT_USER and PRIVILEGE_CHAT_APP.
            String prefix = name.equals("Chat") ? "PRIVILEGE_CHAT_" : "PRIVILEGE_";
            Map<String, Short> expected = new TreeMap<>();
            for (Map<String, Object> privilege : privileges) {
                expected.put(prefix + str(privilege, "name").toUpperCase(), (short) num(privilege, "code"));
            }
            Map<String, Short> actual = new TreeMap<>();
            Field intValue = enumClass.getField("intValue");
            for (Object constant : enumClass.getEnumConstants()) {
                actual.put(((Enum<?>) constant).name(), intValue.getShort(constant));
            }
            assertEquals(expected, actual, enumClass.getSimpleName());
        }
        assertEquals(expectedEnums, privilegeEnums, "one Privilege<Name> enum per service that defines privileges");
    }

    @Test
    void the006PrivilegesAreTheCoreTable() {
        Map<String, Short> core = new TreeMap<>();
        for (Object entry : list(coreTables().get("privileges_006"))) {
            core.put("k" + pascal(str(map(entry), "name")), (short) num(map(entry), "code"));
        }
        // Upstream Java names five of the core's 006 privileges.
        List<String> names = Arrays.stream(AccessToken.Privileges.values()).map(Enum::name).toList();
        assertEquals(List.of("kJoinChannel", "kPublishAudioStream", "kPublishVideoStream", "kPublishDataStream", "kRtmLogin"), names);
        for (AccessToken.Privileges privilege : AccessToken.Privileges.values()) {
            assertEquals(core.get(privilege.name()), privilege.intValue, "AccessToken.Privileges." + privilege.name());
        }
    }
}
