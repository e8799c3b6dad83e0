package org.tidings.protocol.message;

import io.netty.buffer.ByteBuf;
import org.tidings.protocol.codec.FrameLimits;
import org.tidings.protocol.codec.MalformedFrameException;
import org.tidings.protocol.codec.Wire;

import java.util.Objects;

/** A destination as named on the wire: its kind and physical name. */
public record DestinationRef(DestinationKind kind, String name) {

    public DestinationRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static DestinationRef queue(String name) {
        return new DestinationRef(DestinationKind.QUEUE, name);
    }

    public static DestinationRef topic(String name) {
        return new DestinationRef(DestinationKind.TOPIC, name);
    }

    /** Writes {@code destination}, or the null marker (kind code 0). */
    public static void write(ByteBuf out, DestinationRef destination) {
        if (destination == null) {
            out.writeByte(0);
            return;
        }
        out.writeByte(destination.kind.code());
        Wire.writeString(out, destination.name);
    }

    public static DestinationRef read(ByteBuf in, FrameLimits limits) {
        return read(in, limits, true);
    }

    /** Skips a destination as {@link #read(ByteBuf, FrameLimits)} would read it (still checking its kind). */
    public static void skip(ByteBuf in, FrameLimits limits) {
        read(in, limits, false);
    }

    private static DestinationRef read(ByteBuf in, FrameLimits limits, boolean keep) {
        int code = in.readUnsignedByte();
        if (code == 0) {
            return null;
        }
        DestinationKind kind = DestinationKind.of(code);
        if (kind == null) {
            throw new MalformedFrameException("unknown destination kind " + code);
        }
        if (!keep) {
            if (in.getInt(in.readerIndex()) == -1) {
                throw new MalformedFrameException("destination without a name");
            }
            Wire.skipString(in, limits);
            return null;
        }
        String name = Wire.readString(in, limits);
        if (name == null) {
            throw new MalformedFrameException("destination without a name");
        }
        return new DestinationRef(kind, name);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + "://" + name;
    }
}
