package io.github.agoratokenrs.java.internal;

import com.sun.jna.Pointer;
import io.github.agoratokenrs.java.AgoraTokenException;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** RTM2 permissions as upstream Java holds them, made into the C ABI's handle. Internal. */
public final class Rtm2 {
    private Rtm2() {}

    /**
     * A native permissions handle holding {@code details} (resource type → permission type →
     * names) as upstream packs them: every type number as given (types RTM2 does not define
     * warn {@code undefined_rtm2_type}), negative {@code short}s as their unsigned 16 bits. The
     * caller frees it with {@code agora_token_rtm2_permissions_free}.
     */
    public static Pointer permissions(SortedMap<Short, ? extends SortedMap<Short, ? extends List<String>>> details) {
        Pointer handle = AgoraTokenC.agora_token_rtm2_permissions_new();
        try {
            if (details != null) {
                checkSigns("RTM2 resource types", details);
                for (Map.Entry<Short, ? extends SortedMap<Short, ? extends List<String>>> resource : details.entrySet()) {
                    checkSigns("RTM2 permission types", resource.getValue());
                    for (Map.Entry<Short, ? extends List<String>> permission : resource.getValue().entrySet()) {
                        add(handle, resource.getKey(), permission.getKey(), permission.getValue());
                    }
                }
            }
            return handle;
        } catch (RuntimeException e) {
            AgoraTokenC.agora_token_rtm2_permissions_free(handle);
            throw e;
        }
    }

    private static void add(Pointer handle, Short resource, Short permission, List<String> names) {
        if (resource == null || permission == null || names == null) {
            throw new AgoraTokenException(12, "invalid_argument",
                    "invalid RTM2 permissions: a resource type, permission type or name list is null");
        }
        addNames(handle, resource, permission, names, true);
    }

    /**
     * Sets the names of one (resource type, permission type) pair in a native permissions
     * handle: checked ({@code unknown_rtm2_type} for a type RTM2 does not define), or as upstream
     * packs it ({@code unchecked}, with a warning for such a type).
     */
    public static void addNames(Pointer handle, short resource, short permission, List<String> names, boolean unchecked) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long[] lengths = new long[names.size()];
        for (int i = 0; i < lengths.length; i++) {
            byte[] name = NativeCall.utf8("RTM2 resource name", names.get(i));
            lengths[i] = name.length;
            all.write(name, 0, name.length);
        }
        byte[] bytes = all.size() == 0 ? null : all.toByteArray();
        long[] sizes = lengths.length == 0 ? null : lengths;
        NativeCall call = new NativeCall();
        call.done(unchecked
                ? AgoraTokenC.agora_token_rtm2_permissions_add_unchecked(handle, resource, permission, bytes, sizes,
                        lengths.length, call.warnings, call.errorMessage)
                : AgoraTokenC.agora_token_rtm2_permissions_add(handle, resource, permission, bytes, sizes,
                        lengths.length, call.errorMessage));
    }

    /**
     * Upstream's {@code TreeMap<Short, ...>} packs negative keys (32768..65535 unsigned) before
     * the others; the core packs ascending, so a map with both cannot be reproduced and is refused.
     */
    private static void checkSigns(String what, SortedMap<Short, ?> map) {
        if (!map.isEmpty() && map.firstKey() != null && map.firstKey() < 0 && map.lastKey() >= 0) {
            throw new AgoraTokenException(12, "invalid_argument", "invalid " + what + ": " + map.keySet()
                    + " mixes negative shorts (packed as 32768..65535, and first, by upstream's TreeMap) with others, "
                    + "an order the core cannot reproduce; use numbers below 32768");
        }
    }
}
