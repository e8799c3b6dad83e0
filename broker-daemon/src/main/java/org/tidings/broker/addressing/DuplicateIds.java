package org.tidings.broker.addressing;

import org.tidings.broker.config.DestinationPolicies;
import org.tidings.broker.store.StoreOperation;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The last duplicate ids ({@value #PROPERTY}) sent to each queue and topic, so that a message sent again — by a
 * client resending after a lost confirmation — is confirmed but not routed a second time. A destination keeps its
 * last {@code duplicateIdCapacity} ids (0: none) in a ring of slots; the id of a persistent message is stored with
 * the message, in the same batch, so it is remembered exactly as long as the message could have been, across
 * restarts. Temporary destinations are not checked.
 *
 * <p>Confined to the broker core thread ({@link BrokerCore}).
 */
public final class DuplicateIds {

    public static final String PROPERTY = "TIDINGS_DUPLICATE_ID";

    /** One destination's remembered ids, oldest first by sequence. */
    private static final class Ring {
        final int capacity;
        final TreeMap<Long, String> bySequence = new TreeMap<>();
        final Set<String> ids = new HashSet<>();
        long nextSequence;

        Ring(int capacity) {
            this.capacity = capacity;
        }

        void add(long sequence, String id) {
            bySequence.put(sequence, id);
            ids.add(id);
            nextSequence = Math.max(nextSequence, sequence + 1);
            while (bySequence.size() > capacity) {
                ids.remove(bySequence.pollFirstEntry().getValue());
            }
        }
    }

    private final DestinationPolicies policies;
    private final Map<String, Ring> rings = new HashMap<>();

    DuplicateIds(DestinationPolicies policies) {
        this.policies = policies;
    }

    /** Whether {@code id} was sent to {@code destination} and is still remembered. */
    boolean seenBefore(DestinationRef destination, String id) {
        Ring ring = ringOf(destination);
        return ring != null && ring.ids.contains(id);
    }

    /**
     * Remembers {@code id} as sent to {@code destination} from now on; returns the operation that stores it (for
     * a persistent message's batch), or {@code null} when the destination is not checked.
     */
    StoreOperation.PutDuplicateId remember(DestinationRef destination, String id) {
        Ring ring = ringOf(destination);
        if (ring == null) {
            return null;
        }
        long sequence = ring.nextSequence;
        ring.add(sequence, id);
        return new StoreOperation.PutDuplicateId(keyOf(destination), (int) (sequence % ring.capacity), sequence, id);
    }

    /** Forgets an id whose message could not be stored, so a resend is routed. */
    void forget(StoreOperation.PutDuplicateId put) {
        Ring ring = rings.get(put.destination());
        if (ring != null && ring.bySequence.remove(put.sequence(), put.duplicateId())) {
            ring.ids.remove(put.duplicateId());
        }
    }

    /** A remembered id found by recovery. */
    void recovered(String destinationKey, long sequence, String id) {
        int separator = destinationKey.indexOf(':');
        String name = destinationKey.substring(separator + 1);
        int capacity = policies.settingsFor(name).duplicateIdCapacity();
        if (capacity > 0) {
            rings.computeIfAbsent(destinationKey, key -> new Ring(capacity)).add(sequence, id);
        }
    }

    private Ring ringOf(DestinationRef destination) {
        if (destination.kind() != DestinationKind.QUEUE && destination.kind() != DestinationKind.TOPIC) {
            return null;
        }
        String key = keyOf(destination);
        Ring ring = rings.get(key);
        if (ring == null) {
            int capacity = policies.settingsFor(destination.name()).duplicateIdCapacity();
            if (capacity == 0) {
                return null;
            }
            ring = new Ring(capacity);
            rings.put(key, ring);
        }
        return ring;
    }

    /** {@code queue:<name>} or {@code topic:<name>}: a queue and a topic of one name are different destinations. */
    private static String keyOf(DestinationRef destination) {
        return (destination.kind() == DestinationKind.TOPIC ? "topic:" : "queue:") + destination.name();
    }
}
