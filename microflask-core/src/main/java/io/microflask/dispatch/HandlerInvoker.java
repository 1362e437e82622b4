package io.microflask.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls one handler method on its object. The method handle is looked up, bound and adapted to
 * {@code (Object[]) -> Object} once, at {@code register}; a request costs one
 * {@code invokeExact}, with no reflective look-up.
 */
final class HandlerInvoker {
    private final MethodHandle handle;

    HandlerInvoker(Object target, Method method) {
        try {
            MethodHandle unreflected = MethodHandles.publicLookup().unreflect(method);
            if (!Modifier.isStatic(method.getModifiers())) {
                unreflected = unreflected.bindTo(target);
            }
            this.handle = unreflected
                    .asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(HandlerNames.describe(method)
                    + " cannot be called by microflask: make the method and its class public ("
                    + e.getMessage() + ")", e);
        }
    }

    Object invoke(Object[] arguments) throws Throwable {
        return (Object) handle.invokeExact(arguments);
    }
}
