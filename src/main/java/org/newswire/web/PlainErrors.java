package org.newswire.web;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself (a malformed request line, a handler that threw): the status and
 * its reason phrase only, never a stack trace or an exception's message.
 */
final class PlainErrors extends ErrorHandler {
  PlainErrors() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status = request.getAttribute(ERROR_STATUS) instanceof Integer s ? s
        : response.getStatus() >= 400 ? response.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR_500;
    Replies.text(response, callback, status, status + " " + HttpStatus.getMessage(status));
    return true;
  }
}
