package io.agora.education;

import io.agora.apaas.ApaasTokenBuilder;

/**
 * Drop-in for upstream {@code io.agora.education.EducationTokenBuilder2}: the same methods and
 * tokens as {@link ApaasTokenBuilder} (upstream's two classes are identical).
 */
public class EducationTokenBuilder2 extends ApaasTokenBuilder {}
