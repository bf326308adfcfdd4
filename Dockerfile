# Build and run the engine. `docker compose up` uses this with a real Kafka (KRaft) and Redis.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Realtime.Host -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV Api__ListenAddress=0.0.0.0
EXPOSE 50051 8080
ENTRYPOINT ["dotnet", "realtime.dll"]
CMD ["serve"]
