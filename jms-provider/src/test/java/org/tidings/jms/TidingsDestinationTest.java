package org.tidings.jms;

import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Queue;
import org.junit.jupiter.api.Test;
import org.tidings.protocol.message.DestinationKind;
import org.tidings.protocol.message.DestinationRef;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TidingsDestinationTest {

    @Test
    void destinationsAreEqualByKindAndName() {
        assertThat(new TidingsQueue("a")).isEqualTo(new TidingsQueue("a")).isNotEqualTo(new TidingsTopic("a"));
        assertThat(new TidingsQueue("a")).hasSameHashCodeAs(new TidingsQueue("a"));
        assertThat(new TidingsTemporaryQueue("t", null)).isNotEqualTo(new TidingsQueue("t"));
        assertThat(new TidingsTopic("prices")).hasToString("topic://prices");
        assertThatThrownBy(() -> new TidingsQueue("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wireReferencesRoundTrip() throws Exception {
        for (DestinationKind kind : DestinationKind.values()) {
            DestinationRef ref = new DestinationRef(kind, "n");
            assertThat(TidingsDestination.refOf(TidingsDestination.fromRef(ref))).isEqualTo(ref);
        }
        assertThat(TidingsDestination.fromRef(null)).isNull();
        assertThat(TidingsDestination.refOf(null)).isNull();
    }

    @Test
    void anotherProvidersQueueIsReferencedByItsName() throws Exception {
        Queue foreign = (Queue) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Queue.class},
                (proxy, method, args) -> "getQueueName".equals(method.getName()) ? "orders" : null);
        assertThat(TidingsDestination.refOf(foreign)).isEqualTo(DestinationRef.queue("orders"));
        Destination neither = (Destination) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Destination.class}, (proxy, method, args) -> "?");
        assertThatThrownBy(() -> TidingsDestination.refOf(neither)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void destinationsSerializeForJndiAndTemporaryOnesWithoutOwnerCannotBeDeleted() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new TidingsTopic("prices"));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(new TidingsTopic("prices"));
        }
        assertThatThrownBy(() -> new TidingsTemporaryQueue("t", null).delete())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("created it");
    }
}
