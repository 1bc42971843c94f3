"""sessions: browser sessions kept in the store, and counted sign-in attempts

Revision ID: 0006
Revises: 0005

Until 0006 a browser session lived only in its signed cookie, which the server could not take back: a cookie kept
working after sign-out, after its user was disabled and after a password change. ``web_sessions`` holds each live
session (the SHA-256 of the key in the cookie, its user, when it ends); a request whose key is not there is
anonymous. ``login_failures`` counts sign-in attempts per account name and per client address in a window, shared
by every server process. Both start empty: whoever was signed in before the upgrade signs in again, and users and
tokens are untouched.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('web_sessions',
                    sa.Column('key_hash', sa.String(length=64), nullable=False),
                    sa.Column('user_id', sa.Integer(), nullable=False),
                    sa.Column('created_at', sa.DateTime(), nullable=False),
                    sa.Column('expires_at', sa.DateTime(), nullable=False),
                    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('key_hash'))
    op.create_index('ix_web_sessions_user_id', 'web_sessions', ['user_id'], unique=False)
    op.create_index('ix_web_sessions_expires_at', 'web_sessions', ['expires_at'], unique=False)
    op.create_table('login_failures',
                    sa.Column('scope', sa.String(length=8), nullable=False),
                    sa.Column('key', sa.String(length=100), nullable=False),
                    sa.Column('count', sa.Integer(), nullable=False),
                    sa.Column('window_start', sa.DateTime(), nullable=False),
                    sa.PrimaryKeyConstraint('scope', 'key'))
    op.create_index('ix_login_failures_window_start', 'login_failures', ['window_start'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_login_failures_window_start', table_name='login_failures')
    op.drop_table('login_failures')
    op.drop_index('ix_web_sessions_expires_at', table_name='web_sessions')
    op.drop_index('ix_web_sessions_user_id', table_name='web_sessions')
    op.drop_table('web_sessions')
