package org.tidings.jms.support;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.TransactionRolledBackException;
import org.tidings.jms.client.BrokerErrorException;
import org.tidings.jms.client.ClientConnection;
import org.tidings.protocol.frame.Frame;

import java.io.IOException;
import java.util.function.LongFunction;

/** Turns failures of the client core into the {@link JMSException} subtype the specification names. */
public final class JmsExceptions {

    private JmsExceptions() {
    }

    /** The JMS exception for a broker refusal, with the broker's explanation as its message. */
    public static JMSException from(BrokerErrorException e) {
        String message = e.getMessage();
        String code = e.code().name();
        JMSException jms = switch (e.code()) {
            case SECURITY -> new JMSSecurityException(message, code);
            case INVALID_DESTINATION -> new InvalidDestinationException(message, code);
            case INVALID_SELECTOR -> new InvalidSelectorException(message, code);
            case ILLEGAL_STATE -> new IllegalStateException(message, code);
            case INVALID_CLIENT_ID -> new InvalidClientIDException(message, code);
            case RESOURCE_ALLOCATION -> new ResourceAllocationException(message, code);
            case TRANSACTION_ROLLED_BACK -> new TransactionRolledBackException(message, code);
            default -> new JMSException(message, code);
        };
        jms.initCause(e);
        jms.setLinkedException(e);
        return jms;
    }

    /** Sends a request and waits for its answer, as {@link ClientConnection#call}, failing with JMS exceptions. */
    public static Frame call(ClientConnection core, LongFunction<Frame> request) throws JMSException {
        try {
            return core.call(request);
        } catch (BrokerErrorException e) {
            throw from(e);
        } catch (IOException e) {
            throw from(e);
        }
    }

    /** The JMS exception for a lost or unusable connection. */
    public static JMSException from(IOException e) {
        JMSException jms = new JMSException(e.getMessage(), "CONNECTION_LOST");
        jms.initCause(e);
        jms.setLinkedException(e);
        return jms;
    }

    /** The unchecked counterpart of {@code e} that the simplified API ({@code JMSContext}) throws. */
    public static jakarta.jms.JMSRuntimeException runtime(JMSException e) {
        String message = e.getMessage();
        String code = e.getErrorCode();
        jakarta.jms.JMSRuntimeException runtime;
        if (e instanceof IllegalStateException) {
            runtime = new jakarta.jms.IllegalStateRuntimeException(message, code, e);
        } else if (e instanceof InvalidDestinationException) {
            runtime = new jakarta.jms.InvalidDestinationRuntimeException(message, code, e);
        } else if (e instanceof InvalidSelectorException) {
            runtime = new jakarta.jms.InvalidSelectorRuntimeException(message, code, e);
        } else if (e instanceof InvalidClientIDException) {
            runtime = new jakarta.jms.InvalidClientIDRuntimeException(message, code, e);
        } else if (e instanceof JMSSecurityException) {
            runtime = new jakarta.jms.JMSSecurityRuntimeException(message, code, e);
        } else if (e instanceof ResourceAllocationException) {
            runtime = new jakarta.jms.ResourceAllocationRuntimeException(message, code, e);
        } else if (e instanceof TransactionRolledBackException) {
            runtime = new jakarta.jms.TransactionRolledBackRuntimeException(message, code, e);
        } else if (e instanceof jakarta.jms.TransactionInProgressException) {
            runtime = new jakarta.jms.TransactionInProgressRuntimeException(message, code, e);
        } else if (e instanceof jakarta.jms.MessageFormatException) {
            runtime = new jakarta.jms.MessageFormatRuntimeException(message, code, e);
        } else if (e instanceof jakarta.jms.MessageNotWriteableException) {
            runtime = new jakarta.jms.MessageNotWriteableRuntimeException(message, code, e);
        } else {
            runtime = new jakarta.jms.JMSRuntimeException(message, code, e);
        }
        return runtime;
    }

    /** {@code IllegalStateException} saying that {@code what} is closed. */
    public static IllegalStateException closed(String what) {
        return new IllegalStateException(what + " is closed");
    }
}
