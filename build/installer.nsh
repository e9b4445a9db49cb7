; Included by electron-builder's NSIS installer (electron-builder.yml, nsis.include). electron-builder
; registers `protocols` on macOS only: here the cobrowse-agent:// scheme is written for this install
; (SHELL_CONTEXT is HKLM for a per-machine install, HKCU for a per-user one), so a link works before the first
; launch, and removed at uninstall (not when an update uninstalls the previous version).

!macro customInstall
  WriteRegStr SHELL_CONTEXT "Software\Classes\cobrowse-agent" "" "URL:Cobrowse Agent link"
  WriteRegStr SHELL_CONTEXT "Software\Classes\cobrowse-agent" "URL Protocol" ""
  WriteRegStr SHELL_CONTEXT "Software\Classes\cobrowse-agent\DefaultIcon" "" "$INSTDIR\${APP_EXECUTABLE_FILENAME},0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\cobrowse-agent\shell\open\command" "" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}" "%1"'
!macroend

!macro customUnInstall
  ${ifNot} ${isUpdated}
    DeleteRegKey SHELL_CONTEXT "Software\Classes\cobrowse-agent"
  ${endIf}
!macroend
