import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'ocx:public';

/** A route that needs no token (health, JWKS, public tracking). */
export const Public = (): ClassDecorator & MethodDecorator => SetMetadata(IS_PUBLIC, true);
