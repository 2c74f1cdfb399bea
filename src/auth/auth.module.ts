import { RateLimitGuard } from '../common/rate-limit.guard.js';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '../partners/partners.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { DevSignInController } from './dev-sign-in.controller.js';
import { OAuthController } from './oauth.controller.js';
import { TokenService } from './token.service.js';
import { UsedAssertion } from './used-assertion.entity.js';
import { Settings } from '../config/settings.js';
import { HubAuthGuard } from './auth.guard.js';
import { loadOrCreateDevIssuerKey } from './dev-issuer.js';
import { DEV_ISSUER_KEY, JwtStrategy } from './jwt.strategy.js';

@Module({})
export class AuthModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule, TypeOrmModule.forFeature([UsedAssertion]), PartnersModule, SigningModule],
      controllers: [OAuthController, DevSignInController],
      providers: [
        {
          provide: DEV_ISSUER_KEY,
          inject: [Settings],
          useFactory: (settings: Settings) => (settings.AUTH_DEV_ISSUER ? loadOrCreateDevIssuerKey(settings.DATA_DIR) : null),
        },
        JwtStrategy,
        TokenService,
        RateLimitGuard,
        { provide: APP_GUARD, useClass: HubAuthGuard },
      ],
    };
  }
}
